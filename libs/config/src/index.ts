export * from './app-config';
export * from './clock';
export * from './secret-file';
