export * from './migration';
export * from './migrate';
export * from './embedded-postgres';
export * from './database';
export * from './tokens';
export * from './unavailable';
