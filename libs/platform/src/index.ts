/** What every process is built on (@app/platform): database, event stores, keys, clock, policy. */
export * from './tokens';
export * from './infrastructure.module';
export * from './core-migrations';
export * from './event-store.factory';
export * from './policy-from-config';
export * from './audit-checkpoints.module';
