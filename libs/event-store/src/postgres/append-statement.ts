import type { QueryConfig } from 'pg';
import type { ExpectedRevision, NewEvent } from '../event-store.port';

/**
 * The `head` CTE claims the revisions [base + 1, base + count] for this append, or returns no
 * row when the expected revision does not hold. It works on the `streams` row, whose lock is
 * held to commit, so concurrent appenders to one stream queue instead of colliding:
 * - exact: UPDATE ... WHERE revision = expected. A concurrent appender that committed first
 *   changed the row; READ COMMITTED re-checks the WHERE on the new version, so no row.
 * - no_stream: INSERT ... ON CONFLICT DO NOTHING, which waits for an in-flight insert of the
 *   same key and then does nothing: no row.
 * - any: INSERT ... ON CONFLICT DO UPDATE, atomic in READ COMMITTED: always one row.
 */
const HEAD = {
  exact: `UPDATE streams SET revision = revision + $3::bigint
          WHERE stream_id = $1::text AND revision = $4::bigint
          RETURNING revision - $3::bigint AS base`,
  no_stream: `INSERT INTO streams (stream_id, revision) VALUES ($1::text, $3::bigint - 1)
              ON CONFLICT (stream_id) DO NOTHING
              RETURNING revision - $3::bigint AS base`,
  any: `INSERT INTO streams AS s (stream_id, revision) VALUES ($1::text, $3::bigint - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + $3::bigint
        RETURNING revision - $3::bigint AS base`,
} as const;

/**
 * One statement, so one round trip and one implicit transaction: claim the revisions, insert
 * the events in order (identity values follow the ORDER BY, so global positions rise with
 * revisions) and answer the last event's revision and position. No row back means the expected
 * revision did not hold. No NOTIFY here: see append-notifier.ts.
 */
function appendSql(kind: keyof typeof HEAD): string {
  return `
    WITH head AS (${HEAD[kind]}),
    inserted AS (
      INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
      SELECT $1, head.base + e.ord, (e.doc->>'eventId')::uuid, e.doc->>'type', e.doc->'data', coalesce(e.doc->'metadata', '{}')
      FROM head, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, ord)
      ORDER BY e.ord
      RETURNING stream_revision, transaction_id, global_position
    ),
    last AS (SELECT * FROM inserted ORDER BY stream_revision DESC LIMIT 1)
    SELECT last.stream_revision::text AS revision, last.transaction_id::text AS transaction_id,
           last.global_position::text AS global_position
    FROM last`;
}

const SQL = { exact: appendSql('exact'), no_stream: appendSql('no_stream'), any: appendSql('any') };

export interface AppendRow {
  revision: string;
  transaction_id: string;
  global_position: string;
}

/** The adapter's append statement; also used by the contract's held-open transaction. */
export function appendStatement(streamId: string, events: NewEvent[], expected: ExpectedRevision): QueryConfig {
  const docs = JSON.stringify(
    events.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
  );
  if (typeof expected === 'number') {
    // Named: prepared once per connection, then only bound and executed.
    return { name: 'event_store_append_exact', text: SQL.exact, values: [streamId, docs, events.length, expected] };
  }
  return { name: `event_store_append_${expected}`, text: SQL[expected], values: [streamId, docs, events.length] };
}
