/**
 * `<schema>.folded_orders`: each order's folded state (personal values blanked) and revision,
 * what the next batch continues the fold from.
 *
 * Reading a state back is skipped when this process wrote it: it keeps the last state it wrote
 * per order (the same object it serialised, a bounded number of orders, the least recently
 * written dropped first) and asks the table only for the revision. The table stays the truth:
 * the copy is used only when the stored revision is the copy's, and a state at a given
 * revision is the fold of that order's events up to it, whoever wrote it. A batch that rolled
 * back leaves the table behind the copy, a failover or a rebuild's swap may leave it ahead or
 * elsewhere: the stored state is read then, as it always was.
 */
import { redactPersonalData, type OrderState } from '@app/ordering';
import type { PoolClient } from 'pg';
import { textArray } from './text-arrays';

/**
 * ~2 KB of heap per state: ~20 MB per schema at most. A catch-up batch (up to 20,000 events)
 * touches 3,000 to 4,000 orders of the benchmark's interleaved lifecycles; past the bound the
 * oldest copies go and those states are read back, as before.
 */
export const DEFAULT_REMEMBERED_STATES = 10_000;

export class FoldedStates {
  private readonly written = new Map<string, OrderState>();

  constructor(private readonly limit = DEFAULT_REMEMBERED_STATES) {}

  /** The stored states of these orders (absent: nothing folded yet). One query. */
  async load(client: PoolClient, s: string, orderIds: readonly string[]): Promise<Map<string, OrderState>> {
    const known = orderIds.map((id) => this.written.get(id)?.revision.toString() ?? null);
    const { rows } = await client.query<{ order_id: string; revision: string; state: OrderState | null }>(
      `SELECT f.order_id, f.revision::text AS revision, CASE WHEN f.revision = k.revision THEN NULL ELSE f.state END AS state
       FROM unnest($1::text[], $2::bigint[]) AS k(order_id, revision)
       JOIN ${s}.folded_orders f ON f.order_id = k.order_id`,
      [textArray(orderIds), textArray(known)],
    );
    const states = new Map<string, OrderState>();
    for (const row of rows) {
      const state = row.state ?? this.written.get(row.order_id);
      // Only answered null when the copy's revision matched, which leaves the copy in place.
      if (!state || state.revision !== Number(row.revision)) throw new Error(`sla-timers: no state of order ${row.order_id} at revision ${row.revision}`);
      states.set(row.order_id, state);
    }
    return states;
  }

  /** Writes each order's state unless the table already has a later revision (a replay). */
  async save(client: PoolClient, s: string, folded: readonly { orderId: string; state: OrderState }[]): Promise<void> {
    for (let i = 0; i < folded.length; i += STATES_PER_STATEMENT) {
      const part = folded.slice(i, i + STATES_PER_STATEMENT);
      const values: unknown[] = [];
      for (const { orderId, state } of part) {
        // Data minimisation: the next batch folds on from a state whose personal values read "[erased]".
        const redacted = redactPersonalData(state);
        values.push(orderId, redacted.revision, JSON.stringify(redacted));
        this.remember(orderId, redacted);
      }
      await client.query(upsertStates(s, part.length), values);
    }
  }

  private remember(orderId: string, state: OrderState): void {
    this.written.delete(orderId);
    this.written.set(orderId, state);
    if (this.written.size > this.limit) this.written.delete(this.written.keys().next().value as string);
  }
}

/** PostgreSQL takes at most 65535 parameters per statement; three per state. */
const STATES_PER_STATEMENT = Math.floor(65_535 / 3);

/**
 * One parameter per value into a json column: PostgreSQL only checks each state is valid JSON
 * and stores the text as it came. A json_to_recordset document into jsonb made it take every
 * state apart twice and rebuild it, and compress most of them: the largest part of this
 * projection's database time (docs/sla.md).
 */
function upsertStates(s: string, rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => `($${r * 3 + 1}::text, $${r * 3 + 2}::bigint, $${r * 3 + 3}::json)`);
  return `
    INSERT INTO ${s}.folded_orders AS f (order_id, revision, state)
    VALUES ${tuples.join(',')}
    ON CONFLICT (order_id) DO UPDATE SET revision = EXCLUDED.revision, state = EXCLUDED.state
    WHERE f.revision < EXCLUDED.revision`;
}
