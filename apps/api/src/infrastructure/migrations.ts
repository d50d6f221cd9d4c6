import { auditCheckpointMigrations } from '@app/audit';
import type { Migration } from '@app/database';
import { eventStoreMigrations } from '@app/event-store';
import { privacyMigrations } from '@app/privacy';
import { idempotencyMigrations } from '../idempotency/idempotency.migrations';
import { slaSchedulerMigrations } from '../sla/sla-actions';

/** Every module's schema, in application order. Projections add theirs through their registry. */
export function coreMigrations(): Migration[] {
  return [...eventStoreMigrations, ...idempotencyMigrations, ...slaSchedulerMigrations, ...privacyMigrations, ...auditCheckpointMigrations];
}
