import type { Migration } from '@app/database';
import { CHECKPOINT_TABLE_SQL } from './checkpoints';
import type { Projection } from './projection';
import { quoteIdent, schemasOf } from './schema-names';

/** The runtime's own table; apply before any projection's migration. */
export const projectionRuntimeMigrations: Migration[] = [{ id: 'projections-0001-checkpoints', sql: CHECKPOINT_TABLE_SQL }];

/**
 * Creates a projection's live schema and tables and its checkpoint row, on a database that
 * has never had it. The SQL is the current ddl(): on an existing database this migration is
 * already recorded, and a later `version` is brought in by the runner's rebuild-and-swap
 * (never by editing tables in place), so readers keep a complete model throughout.
 */
export function projectionSchemaMigration(projection: Projection): Migration {
  const { live } = schemasOf(projection);
  const name = projection.name.replace(/'/g, "''");
  return {
    id: `projection-${projection.name}`,
    sql: `
      CREATE SCHEMA ${quoteIdent(live)};
      ${projection.ddl(live)}
      INSERT INTO projection_checkpoints (name, version) VALUES ('${name}', ${Number(projection.version)})
      ON CONFLICT (name) DO NOTHING;
    `,
  };
}

export function migrationsFor(projections: readonly Projection[]): Migration[] {
  return [...projectionRuntimeMigrations, ...projections.map(projectionSchemaMigration)];
}
