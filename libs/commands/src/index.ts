/** The write path (@app/commands): one command pipeline for the HTTP API and the SLA scheduler. */
export * from './command-context';
export { ExecuteOrderCommand } from './execute-order-command';
export { CommandsModule } from './commands.module';
export { idempotencyMigrations } from './idempotency.migrations';
export { IDEMPOTENCY_TTL_HOURS } from './idempotency-store';
export { eventIdsFor } from './deterministic-ids';
