export { PROJECTIONS, projectionMigrations, projectionsFor } from './registry';
export * from './runtime';
export * from './order-status';
