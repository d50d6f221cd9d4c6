/**
 * Fills the finance tables of a fresh database with `refunds` refunds spread over 2025, straight in
 * SQL (the projection's own path is exercised by the tests; here only the read side is measured).
 * The daily sums are then built from the ledger with the same grouping the projection's apply uses.
 */
import type { Pool } from 'pg';

export const BENCH_YEAR = { from: '2025-01-01', to: '2025-12-31' };
const CURRENCIES = `ARRAY['EUR','USD','GBP','JPY','CHF']`;
const METHODS = `ARRAY['card','debit','gpay','paypal','wallet','bank_transfer']`;
const REASONS = `ARRAY['return','delivery_failed','cancellation','goodwill']`;

export async function fillFinanceTables(pool: Pool, refunds: number, log: (line: string) => void): Promise<void> {
  const orders = Math.ceil(refunds / 2.5);
  let started = Date.now();
  await pool.query(`INSERT INTO finance.orders (order_id, currency, method)
    SELECT 'bench-' || g, (${CURRENCIES})[1 + g % 5], (${METHODS})[1 + (g / 5) % 6]
    FROM generate_series(0, $1::int - 1) g`, [orders]);
  log(`  ${orders} orders in ${Date.now() - started} ms`);

  started = Date.now();
  // Deterministic spread: multiplicative hashes of n pick the order, the instant and the amounts.
  await pool.query(`INSERT INTO finance.refunds (order_id, refund_id, event_id, issued_at, currency, reason, method, destination,
      goods, shipping, return_shipping, processing_fee, fee_retained, total)
    SELECT o.order_id, 'rf-' || (n / $2::int), gen_random_uuid(),
           timestamptz '2025-01-01 00:00:00+00' + ((n::bigint * 104729) % (365 * 86400)) * interval '1 second',
           o.currency, (${REASONS})[1 + (n / 7) % 4], o.method, CASE WHEN n % 10 < 7 THEN 'original' ELSE 'wallet' END,
           a.goods, a.shipping, a.return_shipping, a.fee, 0, a.goods + a.shipping + a.return_shipping + a.fee
    FROM generate_series(0, $1::int - 1) n
    JOIN finance.orders o ON o.order_id = 'bench-' || (n % $2::int)
    CROSS JOIN LATERAL (SELECT (n::bigint * 7919) % 250000 AS goods,
                               CASE WHEN n % 5 = 0 THEN 495 ELSE 0 END AS shipping,
                               CASE WHEN n % 9 = 0 THEN 690 ELSE 0 END AS return_shipping,
                               (n::bigint * 31) % 300 AS fee) a`, [refunds, orders]);
  log(`  ${refunds} ledger rows in ${Date.now() - started} ms`);

  started = Date.now();
  // The same dimensions and grouping as the projection's apply (finance-apply.ts).
  await pool.query(`INSERT INTO finance.refund_daily (dimension, day, currency, key, refund_count,
      goods, shipping, return_shipping, processing_fee, fee_retained, total)
    SELECT g.dimension, (r.issued_at AT TIME ZONE 'UTC')::date, r.currency, g.key, count(*),
           sum(goods), sum(shipping), sum(return_shipping), sum(processing_fee), sum(fee_retained), sum(total)
    FROM finance.refunds r
    CROSS JOIN LATERAL (VALUES ('all', ''), ('method', r.method), ('reason', r.reason), ('destination', r.destination)) AS g(dimension, key)
    GROUP BY 1, 2, 3, 4`);
  await pool.query('VACUUM ANALYZE finance.orders, finance.refunds, finance.refund_daily');
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM finance.refund_daily');
  log(`  ${rows[0].n} rows of daily sums (day × currency, and × method, × reason, × destination) in ${Date.now() - started} ms`);
}

/** Sanity check: the report's totals for the year equal plain sums over the ledger. */
export async function ledgerTotals(pool: Pool): Promise<Array<Record<string, string>>> {
  const { rows } = await pool.query(`SELECT currency, count(*)::text AS count, sum(goods)::text AS goods, sum(total)::text AS total
    FROM finance.refunds WHERE issued_at >= '2025-01-01Z' AND issued_at < '2026-01-01Z' GROUP BY currency ORDER BY currency`);
  return rows;
}
