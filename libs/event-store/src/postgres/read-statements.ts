import type { QueryConfig } from 'pg';
import type { PgPosition } from './position';
import { EVENT_COLUMNS } from './rows';

/**
 * The gap rule, in one expression: only rows of transactions older than the oldest one still
 * running are read. Those transactions have all ended, so no row below this bound can appear
 * later, and reading in (transaction_id, global_position) order past a position never skips
 * anything. Evaluated with the statement's own snapshot, the one the rows are read with.
 */
const SETTLED = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
const AFTER = '(transaction_id, global_position) > ($1::xid8, $2::bigint)';

export function readAllPage(after: PgPosition, limit: number): QueryConfig {
  return {
    name: 'event_store_read_all',
    text: `SELECT ${EVENT_COLUMNS} FROM events
           WHERE ${AFTER} AND ${SETTLED}
           ORDER BY events.transaction_id, events.global_position
           LIMIT $3`,
    values: [after.transactionId.toString(), after.globalPosition.toString(), limit],
  };
}

/** With a limit the count stops there: the index scan reads at most `limit` rows. */
export function countAfter(after: PgPosition, limit?: number): QueryConfig {
  const values = [after.transactionId.toString(), after.globalPosition.toString()];
  if (limit === undefined) return { text: `SELECT count(*)::text AS count FROM events WHERE ${AFTER} AND ${SETTLED}`, values };
  return {
    text: `SELECT count(*)::text AS count FROM (SELECT 1 FROM events WHERE ${AFTER} AND ${SETTLED} LIMIT $3) AS capped`,
    values: [...values, limit],
  };
}

export const HEAD_POSITION = `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position
  FROM events WHERE ${SETTLED}
  ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`;

/** Revisions in [low, high], inclusive, in the given direction. */
export function readStreamPage(streamId: string, low: number, high: number, direction: 'forward' | 'backward', limit: number): QueryConfig {
  const order = direction === 'forward' ? 'ASC' : 'DESC';
  return {
    name: `event_store_read_stream_${direction}`,
    text: `SELECT ${EVENT_COLUMNS} FROM events
           WHERE stream_id = $1 AND stream_revision BETWEEN $2 AND $3
           ORDER BY events.stream_revision ${order}
           LIMIT $4`,
    values: [streamId, low, high, limit],
  };
}

/** Stream ids with the prefix, after `after` (exclusive; null: from the first), in byte order. */
export function listStreamsPage(prefix: string, after: string | null, limit: number): QueryConfig {
  const values: unknown[] = [after ?? prefix];
  const conditions = [after === null ? 'stream_id >= $1' : 'stream_id > $1'];
  const upper = prefixUpperBound(prefix);
  if (upper !== null) {
    values.push(upper);
    conditions.push(`stream_id < $${values.length}`);
  }
  values.push(limit);
  return {
    text: `SELECT stream_id FROM streams WHERE ${conditions.join(' AND ')} ORDER BY stream_id LIMIT $${values.length}`,
    values,
  };
}

/**
 * The smallest string above every string that starts with `prefix`, in code point order (which is
 * the byte order of COLLATE "C" over UTF-8), or null when there is none (empty prefix). A range
 * [prefix, bound) is one index range scan, where LIKE 'prefix%' would not be for a parameter.
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix, (c) => c.codePointAt(0) as number);
  while (points.length > 0) {
    let last = (points.pop() as number) + 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000; // surrogates are not characters
    if (last <= 0x10ffff) return String.fromCodePoint(...points, last);
  }
  return null;
}
