import type { Migration } from '@app/database';

export const idempotencyMigrations: Migration[] = [
  {
    id: 'api-0001-idempotency-records',
    sql: `
      CREATE TABLE idempotency_records (
        idempotency_key text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idempotency_key, path)
      );
      CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
    `,
  },
];
