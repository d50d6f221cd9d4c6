/**
 * The ledger, one row per refund, in (issuedAt, orderId, refundId) order with keyset paging:
 * a page costs the same however deep into the period it is, and a refund projected between two
 * page reads cannot shift rows between pages (it lands in its own place in the order).
 */
import { exactInteger } from './amounts';
import type { Queryable } from './refund-report.query';
import { quoteIdent } from '../runtime/schema-names';

export interface LedgerRow {
  refundId: string;
  orderId: string;
  issuedAt: string;
  currency: string;
  reason: string;
  method: string;
  destination: string;
  goods: number;
  shipping: number;
  returnShipping: number;
  processingFee: number;
  feeRetained: number;
  total: number;
}

/** Where a page ended. issuedAt keeps PostgreSQL's microseconds so no row is skipped or repeated. */
export interface LedgerPosition {
  issuedAt: string;
  orderId: string;
  refundId: string;
}

export interface LedgerQuery {
  /** Inclusive UTC days, YYYY-MM-DD; absent: unbounded on that side. */
  from?: string;
  to?: string;
  after?: LedgerPosition;
  limit: number;
}

export interface LedgerPage {
  items: LedgerRow[];
  /** Null on the last page. */
  next: LedgerPosition | null;
}

interface Row {
  refund_id: string;
  order_id: string;
  /** For people: milliseconds, like every other time the API shows. */
  issued_at_ms: string;
  /** For the cursor: PostgreSQL's full precision. */
  issued_at_us: string;
  currency: string;
  reason: string;
  method: string;
  destination: string;
  goods: string;
  shipping: string;
  return_shipping: string;
  processing_fee: string;
  fee_retained: string;
  total: string;
}

export function ledgerPageSql(schema: string, query: Omit<LedgerQuery, 'limit'>): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  // Output names differ from the columns (issued_at_ms, not issued_at) and the ORDER BY names the
  // table's columns: ordered by the indexed timestamp, never by its text.
  if (query.from !== undefined) where.push(`r.issued_at >= ${param(query.from)}::date::timestamp AT TIME ZONE 'UTC'`);
  if (query.to !== undefined) where.push(`r.issued_at < (${param(query.to)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  if (query.after) {
    const { issuedAt, orderId, refundId } = query.after;
    where.push(`(r.issued_at, r.order_id, r.refund_id) > (${param(issuedAt)}::timestamptz, ${param(orderId)}, ${param(refundId)})`);
  }
  const text = `SELECT refund_id, order_id,
      to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at_ms,
      to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS issued_at_us,
      currency, reason, method, destination, goods, shipping, return_shipping, processing_fee, fee_retained, total
    FROM ${quoteIdent(schema)}.refunds r
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY r.issued_at, r.order_id, r.refund_id`;
  return { text, params };
}

export async function readLedgerPage(db: Queryable, schema: string, query: LedgerQuery): Promise<LedgerPage> {
  const { text, params } = ledgerPageSql(schema, query);
  // One row more than asked tells whether another page follows, without a count.
  const { rows } = await db.query<Row>(`${text} LIMIT $${params.length + 1}`, [...params, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toLedgerRow),
    next: rows.length > query.limit ? { issuedAt: last.issued_at_us, orderId: last.order_id, refundId: last.refund_id } : null,
  };
}

/** Every row of the period, page by page: for CSV exports and the reconciliation. */
export async function* readLedger(db: Queryable, schema: string, query: Omit<LedgerQuery, 'limit' | 'after'>, pageSize = 5000): AsyncGenerator<LedgerRow> {
  let after: LedgerPosition | undefined;
  for (;;) {
    const page = await readLedgerPage(db, schema, { ...query, after, limit: pageSize });
    yield* page.items;
    if (!page.next) return;
    after = page.next;
  }
}

function toLedgerRow(row: Row): LedgerRow {
  const id = `refund ${row.order_id}/${row.refund_id}`;
  const amount = (value: string, field: string) => exactInteger(value, id, field);
  return {
    refundId: row.refund_id,
    orderId: row.order_id,
    issuedAt: row.issued_at_ms,
    currency: row.currency,
    reason: row.reason,
    method: row.method,
    destination: row.destination,
    goods: amount(row.goods, 'goods'),
    shipping: amount(row.shipping, 'shipping'),
    returnShipping: amount(row.return_shipping, 'returnShipping'),
    processingFee: amount(row.processing_fee, 'processingFee'),
    feeRetained: amount(row.fee_retained, 'feeRetained'),
    total: amount(row.total, 'total'),
  };
}
