import type { Migration } from '@app/database';

/**
 * One link per order. `rotation` counts replacements: the token is computed from the secret,
 * the order and this counter, so only its hash is kept (docs/tracking.md).
 */
export const trackingMigrations: Migration[] = [
  {
    id: 'api-0002-tracking-links',
    sql: `
      CREATE TABLE tracking_links (
        order_id text COLLATE "C" PRIMARY KEY,
        rotation integer NOT NULL DEFAULT 0,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        rotated_at timestamptz
      );
      -- The generated secret when TRACKING_SECRET is unset and the database is external: one row.
      CREATE TABLE tracking_secret (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        secret text NOT NULL
      );
    `,
  },
];
