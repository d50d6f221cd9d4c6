import type { Migration } from '@app/database';

/**
 * The PostgreSQL event store schema. SQL lives here (not in .sql files) so the build has
 * nothing to copy. Never edit an applied migration: add the next one.
 */
export const eventStoreMigrations: Migration[] = [
  {
    id: 'event-store-0001-events',
    sql: `
      -- One row per stream: the append locks it, so concurrent appenders to one stream queue
      -- on a row lock instead of racing for the next revision and retrying; it also makes the
      -- expected-revision check and listStreams a primary-key lookup or range scan.
      -- COLLATE "C": byte order, so a prefix is one contiguous index range.
      CREATE TABLE streams (
        stream_id text COLLATE "C" PRIMARY KEY,
        revision bigint NOT NULL CHECK (revision >= 0)
      );

      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writing transaction: readers stay below the oldest running one (the gap rule).
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text COLLATE "C" NOT NULL,
        stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
        CONSTRAINT events_stream_event_id_key UNIQUE (stream_id, event_id)
      );

      -- The global read order.
      CREATE INDEX events_transaction_order_idx ON events (transaction_id, global_position);
    `,
  },
];
