import type { Migration } from '@app/database';
import { eventStoreMigrations } from '@app/event-store';
import { idempotencyMigrations } from '../idempotency/idempotency.migrations';

/** Every module's schema, in application order. Projections add theirs through their registry. */
export function coreMigrations(): Migration[] {
  return [...eventStoreMigrations, ...idempotencyMigrations];
}
