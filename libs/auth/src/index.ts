export * from './roles';
export * from './principal';
export * from './token-registry';
export * from './auth.guard';
