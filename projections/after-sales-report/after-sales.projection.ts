import type { AppConfig } from '@app/config';
import type { RecordedEvent } from '@app/event-store';
import type { BusinessCalendar } from '@app/ordering';
import { calendarFromConfig } from '@app/platform';
import type { PoolClient } from 'pg';
import type { Projection } from '../runtime/projection';
import { liveSchemaOf, quoteIdent } from '../runtime/schema-names';
import { groupByOrder } from '../shared/group-by-order';
import { afterSalesDdl } from './after-sales.ddl';
import { foldOrderEvents, type ComplaintEventRow, type OrderRow, type OrderStart, type ResponseRow, type ReturnRow } from './after-sales-rows';

export const AFTER_SALES_REPORT = 'after-sales-report';

/** The live schema readers query (the runtime names it after the projection). */
export const AFTER_SALES_SCHEMA = liveSchemaOf(AFTER_SALES_REPORT);

export interface AfterSalesOptions {
  /** Zone and holidays that business hours and days are counted in (config: calendarFromConfig). */
  calendar: BusinessCalendar;
}

/**
 * The after-sales service-quality read model behind GET /reports/after-sales (docs/projections.md
 * "After-sales service quality"). Per batch: one query per table loads where the batch's orders
 * left off, the rules run in memory (after-sales-rows.ts), one upsert per table writes the result.
 * A batch applied twice changes nothing: events at or below an order's stored revision are skipped.
 */
export function createAfterSalesProjection(options: AfterSalesOptions): Projection {
  return {
    name: AFTER_SALES_REPORT,
    version: 1,
    ddl: afterSalesDdl,
    async apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
      const byOrder = groupByOrder(events);
      if (!byOrder.size) return;
      const s = quoteIdent(schema);
      const starts = await loadStarts(client, s, [...byOrder.keys()]);
      const orders: OrderRow[] = [];
      const complaintEvents: ComplaintEventRow[] = [];
      const responses: ResponseRow[] = [];
      const returns: ReturnRow[] = [];
      for (const [orderId, orderEvents] of byOrder) {
        const writes = foldOrderEvents(orderId, starts.get(orderId) ?? emptyStart(), orderEvents, options.calendar);
        if (writes.order) orders.push(writes.order);
        complaintEvents.push(...writes.complaintEvents);
        responses.push(...writes.responses);
        returns.push(...writes.returns);
      }
      if (orders.length) await upsert(client, UPSERT_ORDERS(s), orders);
      if (complaintEvents.length) await upsert(client, INSERT_COMPLAINT_EVENTS(s), complaintEvents);
      if (responses.length) await upsert(client, UPSERT_RESPONSES(s), responses);
      if (returns.length) await upsert(client, UPSERT_RETURNS(s), returns);
    },
  };
}

/**
 * The projection as configured: business hours and days are counted on the deployment's calendar.
 * Every place that runs or rebuilds it uses this one (projections/registry.ts).
 */
export function afterSalesProjectionFromConfig(config: Pick<AppConfig, 'holidays' | 'businessTimeZone'>): Projection {
  return createAfterSalesProjection({ calendar: calendarFromConfig(config) });
}

const emptyStart = (): OrderStart => ({ order: undefined, openResponses: [], returns: [] });

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function loadStarts(client: PoolClient, s: string, orderIds: string[]): Promise<Map<string, OrderStart>> {
  // One after the other: the three reads share the batch's client, which runs one query at a time.
  const orders = await client.query<OrderRow>(`SELECT order_id, revision::int AS revision, lines FROM ${s}.orders WHERE order_id = ANY($1::text[])`, [orderIds]);
  const responses = await client.query<ResponseRow>(
    `SELECT timer_id, order_id, complaint_id, ${ISO('started_at')} AS started_at, category, NULL AS responded_at, NULL AS business_ms
     FROM ${s}.responses WHERE order_id = ANY($1::text[]) AND responded_at IS NULL`, [orderIds]);
  const returns = await client.query<ReturnRow>(
    `SELECT order_id, return_id, ${ISO('requested_at')} AS requested_at, category, reason, resolution,
            ${ISO('received_at')} AS received_at, NULL AS repaired_at, NULL AS repair_business_days
     FROM ${s}.returns WHERE order_id = ANY($1::text[]) AND repaired_at IS NULL`, [orderIds]);
  const starts = new Map<string, OrderStart>();
  const startOf = (orderId: string) => {
    let start = starts.get(orderId);
    if (!start) starts.set(orderId, (start = emptyStart()));
    return start;
  };
  for (const row of orders.rows) startOf(row.order_id).order = row;
  for (const row of responses.rows) startOf(row.order_id).openResponses.push(row);
  for (const row of returns.rows) startOf(row.order_id).returns.push(row);
  return starts;
}

async function upsert(client: PoolClient, sql: string, rows: readonly object[]): Promise<void> {
  await client.query(sql, [JSON.stringify(rows)]);
}

const UPSERT_ORDERS = (s: string) => `INSERT INTO ${s}.orders (order_id, revision, lines)
  SELECT order_id, revision, lines FROM jsonb_to_recordset($1::jsonb) AS r(order_id text, revision bigint, lines jsonb)
  ON CONFLICT (order_id) DO UPDATE SET revision = EXCLUDED.revision, lines = EXCLUDED.lines`;

const INSERT_COMPLAINT_EVENTS = (s: string) => `INSERT INTO ${s}.complaint_events (order_id, revision, complaint_id, kind, at, category, satisfied)
  SELECT order_id, revision, complaint_id, kind, at, category, satisfied
  FROM jsonb_to_recordset($1::jsonb) AS r(order_id text, revision bigint, complaint_id text, kind text, at timestamptz, category text, satisfied boolean)
  ON CONFLICT DO NOTHING`;

const UPSERT_RESPONSES = (s: string) => `INSERT INTO ${s}.responses (timer_id, order_id, complaint_id, started_at, category, responded_at, business_ms)
  SELECT timer_id, order_id, complaint_id, started_at, category, responded_at, business_ms
  FROM jsonb_to_recordset($1::jsonb)
    AS r(timer_id text, order_id text, complaint_id text, started_at timestamptz, category text, responded_at timestamptz, business_ms bigint)
  ON CONFLICT (timer_id) DO UPDATE SET responded_at = EXCLUDED.responded_at, business_ms = EXCLUDED.business_ms`;

const UPSERT_RETURNS = (s: string) => `INSERT INTO ${s}.returns
    (order_id, return_id, requested_at, category, reason, resolution, received_at, repaired_at, repair_business_days)
  SELECT order_id, return_id, requested_at, category, reason, resolution, received_at, repaired_at, repair_business_days
  FROM jsonb_to_recordset($1::jsonb) AS r(order_id text, return_id text, requested_at timestamptz, category text, reason text,
    resolution text, received_at timestamptz, repaired_at timestamptz, repair_business_days integer)
  ON CONFLICT (order_id, return_id) DO UPDATE SET requested_at = EXCLUDED.requested_at, category = EXCLUDED.category,
    reason = EXCLUDED.reason, resolution = EXCLUDED.resolution, received_at = EXCLUDED.received_at,
    repaired_at = EXCLUDED.repaired_at, repair_business_days = EXCLUDED.repair_business_days`;
