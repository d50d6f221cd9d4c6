import { auditCheckpointMigrations } from '@app/audit';
import type { Migration } from '@app/database';
import { eventStoreMigrations } from '@app/event-store';
import { privacyMigrations } from '@app/privacy';

/**
 * The schema of the libraries every process opens. Each app adds its own modules' migrations
 * (idempotency records, projections, the SLA actions log) when it builds InfrastructureModule.
 */
export function coreMigrations(): Migration[] {
  return [...eventStoreMigrations, ...privacyMigrations, ...auditCheckpointMigrations];
}
