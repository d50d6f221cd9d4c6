import type { Migration } from '@app/database';
import { orderStatusProjection } from './order-status/order-status.projection';
import { migrationsFor } from './runtime/migrations';
import type { Projection } from './runtime/projection';

/** Every projection of the service. sla-timers and finance join this list. */
export const PROJECTIONS: readonly Projection[] = [orderStatusProjection];

/**
 * The checkpoint table and every projection's schema. Applied by every process at start (the
 * API answers reads in MODE=api even before any projector ran), after the core migrations.
 */
export function projectionMigrations(projections: readonly Projection[] = PROJECTIONS): Migration[] {
  return migrationsFor(projections);
}
