/**
 * Checks of the read models against the event store itself: every projection at the head, every
 * order row at its stream's last revision and equal to the fold of its stream, the finance and
 * SLA models holding every event they are about. Nothing here trusts the projector's own word.
 */
import { orderIdFromStream, PostgresEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { toOrderView } from '@app/ordering';
import { foldHistory } from '@app/order-fold';
import { mapPersonalLeaves } from '@app/privacy';
import { loadConfig } from '@app/config';
import { projectionsFor } from '@app/projections/registry';
import { rebuildProjection } from '@app/projections/runtime';
import type { Pool } from 'pg';

export const PROJECTION_NAMES = ['order-status', 'sla-timers', 'finance', 'after-sales-report'] as const;

export async function allEvents(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/**
 * Polls (no timing asserted) until global readers can see every committed event (the gap rule
 * holds them back while any transaction of the cluster that started before them runs, other
 * suites' included), then until every projection's checkpoint is at the store's head.
 */
export async function waitForProjections(pool: Pool, store: PostgresEventStore, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
    const readable = await store.countAfter(null);
    if (readable >= Number(rows[0].n)) break;
    if (Date.now() > deadline) throw new Error(`only ${readable} of ${rows[0].n} events readable by global readers`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (;;) {
    const head = await store.headPosition();
    const { rows } = await pool.query<{ name: string; position: string | null; state: string }>('SELECT name, position, state FROM projection_checkpoints');
    const behind = PROJECTION_NAMES.filter((name) => {
      const row = rows.find((r) => r.name === name);
      return head !== null && (!row?.position || store.comparePositions(row.position, head) < 0);
    });
    if (!behind.length) return;
    if (Date.now() > deadline) throw new Error(`projections still behind ${head}: ${behind.join(', ')} (${JSON.stringify(rows)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ReadModelFigures {
  events: number;
  orders: number;
  refunds: number;
}

/**
 * The read models reflect every event of the store: each projection's checkpoint is the head,
 * each order row is at its stream's last revision and equals the fold of the stream (personal
 * fields aside, which may be stored protected), the SLA fold too, and finance has one ledger row
 * per RefundIssued. Throws with the first differences found.
 */
export async function expectReadModelsReflectStore(pool: Pool, store: PostgresEventStore): Promise<ReadModelFigures> {
  const events = await allEvents(store);
  const stored = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
  if (events.length !== stored) throw new Error(`${stored} events stored, ${events.length} readable: call waitForProjections first`);
  const head = events.length ? events[events.length - 1].position : null;
  const problems: string[] = [];

  const byOrder = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const orderId = orderIdFromStream(event.streamId);
    if (orderId === null) continue;
    const list = byOrder.get(orderId) ?? [];
    if (event.revision !== list.length) problems.push(`${event.streamId}: revision ${event.revision} after ${list.length} events (a gap or a duplicate)`);
    list.push(event);
    byOrder.set(orderId, list);
  }

  const checkpoints = await pool.query<{ name: string; position: string | null; state: string; last_error: string | null }>(
    'SELECT name, position, state, last_error FROM projection_checkpoints',
  );
  for (const name of PROJECTION_NAMES) {
    const row = checkpoints.rows.find((r) => r.name === name);
    if (!row) problems.push(`no checkpoint for ${name}`);
    else if (row.position !== head) problems.push(`${name} at ${row.position}, head ${head} (${row.state} ${row.last_error ?? ''})`);
  }

  const orders = await pool.query<{ order_id: string; revision: string; view: Record<string, unknown> }>('SELECT order_id, revision::text AS revision, view FROM order_status.orders');
  const rows = new Map(orders.rows.map((r) => [r.order_id, r]));
  const folded = await pool.query<{ order_id: string; revision: string }>('SELECT order_id, revision::text AS revision FROM sla_timers.folded_orders');
  const slaRows = new Map(folded.rows.map((r) => [r.order_id, Number(r.revision)]));
  for (const [orderId, list] of byOrder) {
    const last = list[list.length - 1].revision;
    const row = rows.get(orderId);
    if (!row) {
      problems.push(`order ${orderId}: no order_status row`);
      continue;
    }
    if (Number(row.revision) !== last) problems.push(`order ${orderId}: order_status revision ${row.revision}, stream at ${last}`);
    if (slaRows.get(orderId) !== last) problems.push(`order ${orderId}: sla_timers fold at ${slaRows.get(orderId)}, stream at ${last}`);
    const { customer: _stored, ...stored } = row.view;
    const { customer: _expected, ...expected } = toOrderView(foldHistory(list.map(withoutPersonalValues))) as unknown as Record<string, unknown>;
    if (JSON.stringify(sorted(stored)) !== JSON.stringify(sorted(expected))) problems.push(`order ${orderId}: view differs from the fold of its stream`);
    if (problems.length > 20) break;
  }
  if (rows.size !== byOrder.size) problems.push(`${rows.size} order rows for ${byOrder.size} order streams`);

  const issued = events.filter((e) => e.type === 'RefundIssued');
  const ledger = await pool.query<{ event_id: string }>('SELECT event_id::text AS event_id FROM finance.refunds');
  const ledgerIds = new Set(ledger.rows.map((r) => r.event_id));
  if (ledger.rows.length !== issued.length || issued.some((e) => !ledgerIds.has(e.eventId))) {
    problems.push(`finance ledger has ${ledger.rows.length} rows for ${issued.length} RefundIssued events`);
  }

  if (problems.length) throw new Error(`read models do not reflect the store:\n${problems.slice(0, 20).join('\n')}`);
  return { events: events.length, orders: byOrder.size, refunds: issued.length };
}

/**
 * The raw store's events with their sealed personal values replaced by a placeholder: the fold
 * refuses sealed data, and the views compared here leave the customer out anyway.
 */
function withoutPersonalValues(event: RecordedEvent): RecordedEvent {
  return { ...event, data: mapPersonalLeaves(event.type, event.data, () => '[sealed]') };
}

/** Keys sorted at every depth: compares content, not the order jsonb or json kept keys in. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  return value;
}

/** Every row of every table of a read model's schema, as canonical JSON text, in a stable order. */
async function snapshot(pool: Pool, schema: string): Promise<Record<string, string[]>> {
  const { rows: tables } = await pool.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [schema]);
  const result: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${schema}"."${tablename}" t ORDER BY 1`);
    result[tablename] = rows.map((r) => r.row);
  }
  return result;
}

const READ_MODEL_SCHEMAS = ['order_status', 'sla_timers', 'finance', 'after_sales_report'];

/**
 * Snapshots every read model, rebuilds every projection from the first event (as this process's
 * environment configures them: run the service with the same SLA calendar) and swaps, then
 * compares table by table and the served order view byte for byte (json keeps its key order).
 * Answers the differences (each naming its table) and the rows per table. `store` reads as the
 * projector does: the decrypting store when personal data is sealed.
 */
export async function differencesFromRebuild(pool: Pool, store: EventStore): Promise<{ differences: string[]; rows: Record<string, number> }> {
  const views = 'SELECT order_id, view::text AS view FROM order_status.orders ORDER BY order_id';
  const live = Object.fromEntries(await Promise.all(READ_MODEL_SCHEMAS.map(async (s) => [s, await snapshot(pool, s)] as const)));
  const liveViews = (await pool.query<{ order_id: string; view: string }>(views)).rows;
  for (const projection of projectionsFor(loadConfig(process.env))) await rebuildProjection(pool, store, projection, { batchSize: 1000 });
  const rebuilt = Object.fromEntries(await Promise.all(READ_MODEL_SCHEMAS.map(async (s) => [s, await snapshot(pool, s)] as const)));
  const rebuiltViews = (await pool.query<{ order_id: string; view: string }>(views)).rows;

  const differences: string[] = [];
  const rows: Record<string, number> = {};
  for (const schema of READ_MODEL_SCHEMAS) {
    const tables = new Set([...Object.keys(live[schema]), ...Object.keys(rebuilt[schema])]);
    for (const table of tables) {
      const [was, is] = [live[schema][table] ?? [], rebuilt[schema][table] ?? []];
      rows[`${schema}.${table}`] = is.length;
      if (JSON.stringify(was) === JSON.stringify(is)) continue;
      const k = was.findIndex((row, i) => row !== is[i]);
      differences.push(`${schema}.${table}: ${was.length} rows live, ${is.length} rebuilt; first difference: live ${was[k] ?? 'none'} / rebuilt ${is[k] ?? 'none'}`);
    }
  }
  if (JSON.stringify(liveViews) !== JSON.stringify(rebuiltViews)) differences.push('order_status.orders: the served views differ from the rebuilt ones');
  return { differences, rows };
}
