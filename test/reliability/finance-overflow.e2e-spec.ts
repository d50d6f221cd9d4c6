/**
 * Issue #10: the finance daily sums overflowed. One refund is at most its order's total, which the
 * write side keeps within 2^53 − 1; 1,025 such refunds in one currency on one UTC day pass 2^63,
 * where the version-1 `bigint` sums stopped the projection for good. Here 1,100 cancelled orders
 * of exactly 2^53 − 1 EUR minor units, each fully refunded on one day, go through the real event
 * store, the real projection runtime on the machine's PostgreSQL and the real report endpoints:
 * first into version 1's tables (the failure, reproduced), then through the upgrade to version 2
 * (numeric sums), whose rebuild un-sticks the projection and whose answers are exact to the unit.
 */
import { financeProjection, reconcile, toAmount, type Amount } from '@app/projections/finance';
import { financeDdl } from '@app/projections/finance/finance.ddl';
import type { Projection } from '@app/projections/runtime';
import { event } from '../finance/support/finance-events';
import { startFinanceHarness, type FinanceHarness } from '../finance/support/finance-harness';
import { report } from './support/http';

const ORDERS = 1100;
const DAY = '2026-05-04';
const MAX = Number.MAX_SAFE_INTEGER;
// total = goods + shipping + processing fee = 2^53 − 1, the largest total an order can have.
const SHIPPING = 500;
const FEE = 150;
const GOODS = MAX - SHIPPING - FEE;

/** The finance projection as version 1 made its tables: every amount bigint. */
const VERSION_1: Projection = {
  ...financeProjection,
  version: 1,
  ddl: (schema) => financeDdl(schema).replace(/numeric\(38, 0\)/g, 'bigint'),
};

/** A paid card order of the largest total, cancelled and refunded in full (docs/domain-rules.md "Refunds"). */
function hugeOrder(orderId: string) {
  const placed = event('OrderPlaced', {
    orderId, customer: { id: `c-${orderId}`, registered: true }, channel: 'web', currency: 'EUR',
    lines: [{ lineId: '1', sku: 'YACHT', name: 'Yacht', quantity: 1, unitPrice: GOODS, category: 'physical' }],
    shippingFee: SHIPPING, payment: { method: 'card', processingFee: FEE }, goodsTotal: GOODS, total: MAX,
  }, `${DAY}T08:00:00.000Z`);
  const refund = event('RefundIssued', {
    refundId: 'rf-1', reason: 'cancellation', lines: [{ lineId: '1', quantity: 1 }], destination: 'original', method: 'card',
    goods: GOODS, shipping: SHIPPING, returnShipping: 0, processingFee: FEE, feeRetained: 0, total: MAX,
  }, `${DAY}T12:00:00.000Z`);
  return [placed, refund];
}

const big = (n: number) => BigInt(ORDERS) * BigInt(n);
/** The 1,100 EUR refunds' sums, each in the API's form: a Number when safe, else the exact BigInt. */
const EUR = {
  currency: 'EUR', count: ORDERS, goods: toAmount(big(GOODS)), shipping: toAmount(big(SHIPPING)), returnShipping: 0,
  processingFee: toAmount(big(FEE)), feeRetained: 0, total: toAmount(big(MAX)),
};
/** One ordinary refund on the same day, in another currency: its sums stay plain numbers. */
const USD = { currency: 'USD', count: 1, goods: 1000, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 1000 };

/** The report's JSON, read exactly: integer literals a double cannot hold become BigInts. */
function parseExact(text: string): any {
  const marked = text.replace(/([:[,])(-?\d{16,})(?=[,}\]])/g, '$1"#exact$2"');
  return JSON.parse(marked, (_key, value: unknown) => (typeof value === 'string' && value.startsWith('#exact') ? toAmount(value.slice(6)) : value));
}

describe('finance daily sums past 2^63 (issue #10)', () => {
  let t: FinanceHarness;
  const get = (url: string) => t.http.get(url).set(t.as('finance'));
  const checkpoint = async () => (await t.pool.query('SELECT version, state, last_error, events_applied::int AS events FROM projection_checkpoints WHERE name = $1', ['finance'])).rows[0];

  beforeAll(async () => {
    t = await startFinanceHarness(VERSION_1);
    for (let i = 0; i < ORDERS; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, ORDERS - i) }, (_, j) => t.append(`huge-${i + j}`, hugeOrder(`huge-${i + j}`))));
    }
    await t.appendOrder({ orderId: 'small-usd', currency: 'USD', method: 'card' }, [{ refundId: 'rf-1', at: `${DAY}T13:00:00.000Z`, goods: 1000 }]);
  });
  afterAll(() => t?.close());

  it('reproduces the bug: version 1 fails with bigint out of range and stays failed', async () => {
    expect(VERSION_1.ddl('x')).not.toContain('numeric');
    await expect(t.projected()).rejects.toThrow(/failed at .*bigint out of range/);
    expect(await checkpoint()).toMatchObject({ version: 1, state: 'failed', last_error: 'bigint out of range' });
  });

  it('rebuilds into numeric sums on the upgrade to version 2, and applies every event', async () => {
    expect(financeProjection.version).toBe(2);
    await t.restartProjection(financeProjection);
    await t.projected();
    expect(await checkpoint()).toEqual({ version: 2, state: 'running', last_error: null, events: 2 * ORDERS + 2 });
    // The version-1 tables are dropped just after the swap commits, so wait for it (bounded).
    const leftovers = async () => (await t.pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'finance\\_\\_%'")).rows;
    for (const deadline = Date.now() + 10_000; (await leftovers()).length && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    expect(await leftovers()).toEqual([]);
  });

  it('keeps each daily sum exact, compared as BigInt', async () => {
    const { rows } = await t.pool.query(`SELECT dimension, key, refund_count::text AS count, goods::text, shipping::text,
        return_shipping::text, processing_fee::text, fee_retained::text, total::text
      FROM finance.refund_daily WHERE day = $1 AND currency = 'EUR' ORDER BY dimension`, [DAY]);
    expect(rows.map((r) => `${r.dimension}:${r.key}`)).toEqual(['all:', 'destination:original', 'method:card', 'reason:cancellation']);
    for (const row of rows) {
      expect([row.count, row.goods, row.shipping, row.return_shipping, row.processing_fee, row.fee_retained, row.total].map(BigInt))
        .toEqual([BigInt(ORDERS), big(GOODS), big(SHIPPING), 0n, big(FEE), 0n, big(MAX)]);
    }
    expect(big(MAX)).toBeGreaterThan(2n ** 63n);
  });

  it('answers the report with the exact sums, as JSON integer literals, for every grouping', async () => {
    const expected: Record<string, unknown[]> = {
      day: [{ key: DAY, ...EUR }, { key: DAY, ...USD }],
      currency: [{ key: 'EUR', ...EUR }, { key: 'USD', ...USD }],
      method: [{ key: 'card', ...EUR }, { key: 'card', ...USD }],
      reason: [{ key: 'cancellation', ...EUR }, { key: 'goodwill', ...USD }],
      destination: [{ key: 'original', ...EUR }, { key: 'original', ...USD }],
    };
    for (const [groupBy, rows] of Object.entries(expected)) {
      const res = await get(`/reports/refunds?from=${DAY}&to=${DAY}&groupBy=${groupBy}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(parseExact(res.text)).toEqual({ from: DAY, to: DAY, groupBy, rows, totals: [EUR, USD] });
    }
    // On the wire: the digits themselves, never a rounded double or an exponent.
    const res = await get(`/reports/refunds?from=${DAY}&to=${DAY}&groupBy=currency`).expect(200);
    expect(res.text).toContain(`"total":${big(MAX)}`);
    expect(res.text).toContain(`"count":${ORDERS},"goods":${big(GOODS)},"shipping":${ORDERS * SHIPPING}`);
  });

  it('answers the CSV with the exact digits', async () => {
    const res = await get(`/reports/refunds?from=${DAY}&to=${DAY}&groupBy=currency&format=csv`).expect(200);
    expect(res.text).toBe([
      'key,currency,count,goods,shipping,returnShipping,processingFee,feeRetained,total',
      `EUR,EUR,${ORDERS},${big(GOODS)},${big(SHIPPING)},0,${big(FEE)},0,${big(MAX)}`,
      'USD,USD,1,1000,0,0,0,0,1000',
      '',
    ].join('\r\n'));
  });

  it('keeps the ledger in plain numbers: one refund is never past 2^53 − 1', async () => {
    const res = await get(`/reports/refunds/ledger?from=${DAY}&to=${DAY}&limit=2`).expect(200);
    expect(res.body.items.map((i: { total: number }) => i.total)).toEqual([MAX, MAX]);
  });

  it('reconciles: the report equals the replayed events, to the unit', async () => {
    const result = await reconcile({ store: t.store, db: t.pool, from: DAY, to: DAY });
    expect(result.differences).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.replayed).toEqual([EUR, USD]);
    const eurTotal: Amount = result.reported[0].total;
    report('finance-overflow', { refunds: ORDERS + 1, eurTotal: String(eurTotal), past2to63: String(big(MAX) - 2n ** 63n) });
  });
});
