import type { AppConfig } from '@app/config';
import type { Migration } from '@app/database';
import { loadConfig } from '@app/config';
import { afterSalesProjectionFromConfig } from './after-sales-report/after-sales.projection';
import { financeProjection } from './finance/finance.projection';
import { orderStatusProjection } from './order-status/order-status.projection';
import { slaActionsMigrations } from './sla-timers/sla-actions';
import { slaTimersProjectionFromConfig } from './sla-timers/sla-timers-from-config';
import { migrationsFor } from './runtime/migrations';
import type { Projection } from './runtime/projection';

/** Every projection with the default configuration (schemas and DDL do not depend on it). */
export const PROJECTIONS: readonly Projection[] = projectionsFor(loadConfig({}));

/**
 * Every projection this deployment runs, reports on and rebuilds: the one place to register one.
 * Projections built from configuration (sla-timers takes the policy and calendar, after-sales-report
 * the calendar) join here.
 */
export function projectionsFor(config: AppConfig): readonly Projection[] {
  return [orderStatusProjection, slaTimersProjectionFromConfig(config), financeProjection, afterSalesProjectionFromConfig(config)];
}

/**
 * The checkpoint table, every projection's schema and the SLA actions log. Applied by every
 * process at start (the API answers reads in MODE=api even before any projector ran), after the
 * core migrations. Only names and DDL matter here, so any configuration builds the same migrations.
 */
export function projectionMigrations(projections: readonly Projection[] = PROJECTIONS): Migration[] {
  return [...slaActionsMigrations, ...migrationsFor(projections)];
}
