export { PROJECTIONS, projectionMigrations } from './registry';
export * from './runtime';
export * from './order-status';
