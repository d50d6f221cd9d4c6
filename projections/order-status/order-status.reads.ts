import type { OrderState, OrderStatus, OrderView } from '@app/ordering';
import type { Pool } from 'pg';
import { liveSchemaOf, quoteIdent } from '../runtime/schema-names';
import { ORDER_STATUS } from './order-status.projection';

/** Always the live schema: after a rebuild's swap the same name resolves to the new tables. */
const ORDERS = `${quoteIdent(liveSchemaOf(ORDER_STATUS))}.orders`;

export interface OrderSummary {
  orderId: string;
  status: OrderStatus;
  customerId: string;
  currency: string;
  total: number;
  placedAt: string;
  updatedAt: string;
  revision: number;
}

/** Where a page ends: the newest-first keyset (placedAt as stored in the view, then orderId). */
export interface OrderKey {
  placedAt: string;
  orderId: string;
}

export interface OrderListFilter {
  status?: OrderStatus;
  customerId?: string;
  /** Strictly older than this key (the previous page's last). */
  after?: OrderKey;
  limit: number;
}

export async function findOrderView(pool: Pool, orderId: string): Promise<OrderView | null> {
  const { rows } = await pool.query<{ view: OrderView }>(`SELECT view FROM ${ORDERS} WHERE order_id = $1`, [orderId]);
  return rows.length ? rows[0].view : null;
}

/** The view with the folded state beside it (refund times, the customer's locale): the customer's tracking page reads both. */
export async function findOrderViewAndState(pool: Pool, orderId: string): Promise<{ view: OrderView; state: OrderState } | null> {
  const { rows } = await pool.query<{ view: OrderView; state: OrderState }>(`SELECT view, state FROM ${ORDERS} WHERE order_id = $1`, [orderId]);
  return rows.length ? rows[0] : null;
}

/** Newest first; `hasMore` tells whether a next page exists (one extra row is read to know). */
export async function listOrderSummaries(pool: Pool, filter: OrderListFilter): Promise<{ items: OrderSummary[]; hasMore: boolean }> {
  const values: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (filter.status) where.push(`status = ${param(filter.status)}`);
  if (filter.customerId) where.push(`customer_id = ${param(filter.customerId)}`);
  if (filter.after) where.push(`(placed_at, order_id) < (${param(filter.after.placedAt)}::timestamptz, ${param(filter.after.orderId)})`);
  const { rows } = await pool.query<SummaryRow>(
    `SELECT order_id, status, customer_id, currency, total::text AS total, revision::text AS revision,
            view->>'placedAt' AS placed_at, view->>'updatedAt' AS updated_at
     FROM ${ORDERS}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY placed_at DESC, order_id DESC
     LIMIT ${param(filter.limit + 1)}`,
    values,
  );
  const hasMore = rows.length > filter.limit;
  return { items: rows.slice(0, filter.limit).map(toSummary), hasMore };
}

interface SummaryRow {
  order_id: string;
  status: OrderStatus;
  customer_id: string;
  currency: string;
  total: string;
  revision: string;
  placed_at: string;
  updated_at: string;
}

function toSummary(row: SummaryRow): OrderSummary {
  return {
    orderId: row.order_id,
    status: row.status,
    customerId: row.customer_id,
    currency: row.currency,
    // Money and revisions stay below 2^53 (the domain caps them); bigint arrives as text.
    total: Number(row.total),
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    revision: Number(row.revision),
  };
}
