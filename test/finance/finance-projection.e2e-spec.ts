import { financeDdl } from '@app/projections/finance/finance.ddl';
import { orderPlaced, refundIssued } from './support/finance-events';
import { applyBatch, openFinanceDb, recorded, snapshot, type FinanceDb } from './support/finance-db';

describe('finance projection: apply', () => {
  let f: FinanceDb;
  beforeAll(async () => {
    f = await openFinanceDb('finance_apply');
  });
  afterAll(() => f.close());

  const schema = async (name: string) => {
    await f.pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE; CREATE SCHEMA "${name}"; ${financeDdl(name)}`);
    return name;
  };

  // Two orders in two currencies; the USD order is placed in the same batch as its refunds.
  const events = () => [
    recorded('o-1', orderPlaced('o-1', 'EUR', 'paypal', '2026-01-01T10:00:00.000Z')),
    recorded('o-1', refundIssued('paypal', { refundId: 'r-1', at: '2026-01-02T10:00:00.000Z', reason: 'return', goods: 1000, returnShipping: 200, feeRetained: 15 }), 1),
    recorded('o-1', refundIssued('paypal', { refundId: 'r-2', at: '2026-01-02T11:00:00.000Z', reason: 'return', goods: 500, feeRetained: 7 }), 2),
    recorded('o-2', orderPlaced('o-2', 'USD', 'card', '2026-01-01T10:00:00.000Z')),
    recorded('o-2', { type: 'PaymentConfirmed', eventId: '00000000-0000-4000-8000-000000000001', data: { transactionId: 't', amount: 1 }, metadata: {} }, 1),
    recorded('o-2', refundIssued('card', { refundId: 'r-1', at: '2026-01-03T00:00:00.000Z', reason: 'cancellation', goods: 9000, shipping: 500, processingFee: 150 }), 2),
  ];

  it('writes one ledger row per RefundIssued, with the currency of its OrderPlaced, and the daily sums from them', async () => {
    const s = await schema('apply_one');
    await applyBatch(f.pool, s, events());
    const { orders, refunds, refund_daily: daily } = await snapshot(f.pool, s);
    expect(orders).toEqual([{ order_id: 'o-1', currency: 'EUR', method: 'paypal' }, { order_id: 'o-2', currency: 'USD', method: 'card' }]);
    expect(refunds).toEqual([
      expect.objectContaining({ order_id: 'o-1', refund_id: 'r-1', currency: 'EUR', method: 'paypal', reason: 'return', destination: 'original', goods: '1000', return_shipping: '200', fee_retained: '15', total: '1200', issued_at: new Date('2026-01-02T10:00:00.000Z') }),
      expect.objectContaining({ order_id: 'o-1', refund_id: 'r-2', currency: 'EUR', goods: '500', fee_retained: '7', total: '500' }),
      expect.objectContaining({ order_id: 'o-2', refund_id: 'r-1', currency: 'USD', method: 'card', goods: '9000', shipping: '500', processing_fee: '150', total: '9650' }),
    ]);
    // Per UTC day and currency: everything (`all`), then by method, reason and destination.
    const sums = (count: number, goods: number, shipping: number, returnShipping: number, processingFee: number, feeRetained: number) => ({
      refund_count: String(count), goods: String(goods), shipping: String(shipping), return_shipping: String(returnShipping),
      processing_fee: String(processingFee), fee_retained: String(feeRetained), total: String(goods + shipping + returnShipping + processingFee),
    });
    const eur = sums(2, 1500, 0, 200, 0, 22);
    const usd = sums(1, 9000, 500, 0, 150, 0);
    expect(daily.map((d) => ({ ...(d as object), day: (d as { day: Date }).day.toISOString().slice(0, 10) }))).toEqual([
      { dimension: 'all', day: '2026-01-02', currency: 'EUR', key: '', ...eur },
      { dimension: 'all', day: '2026-01-03', currency: 'USD', key: '', ...usd },
      { dimension: 'destination', day: '2026-01-02', currency: 'EUR', key: 'original', ...eur },
      { dimension: 'destination', day: '2026-01-03', currency: 'USD', key: 'original', ...usd },
      { dimension: 'method', day: '2026-01-02', currency: 'EUR', key: 'paypal', ...eur },
      { dimension: 'method', day: '2026-01-03', currency: 'USD', key: 'card', ...usd },
      { dimension: 'reason', day: '2026-01-02', currency: 'EUR', key: 'return', ...eur },
      { dimension: 'reason', day: '2026-01-03', currency: 'USD', key: 'cancellation', ...usd },
    ]);
  });

  it('is idempotent: the same batch again, or an event twice in a batch, changes nothing', async () => {
    const s = await schema('apply_twice');
    const batch = events();
    await applyBatch(f.pool, s, batch);
    const once = await snapshot(f.pool, s);
    await applyBatch(f.pool, s, batch);
    await applyBatch(f.pool, s, [...batch, ...batch]);
    expect(await snapshot(f.pool, s)).toEqual(once);
  });

  it('gives the same tables however the log is cut into batches', async () => {
    const whole = await schema('apply_whole');
    const single = await schema('apply_single');
    const batch = events();
    await applyBatch(f.pool, whole, batch);
    for (const event of batch) await applyBatch(f.pool, single, [event]);
    expect(await snapshot(f.pool, single)).toEqual(await snapshot(f.pool, whole));
  });

  it('stops on a refund whose order it never saw placed, and writes nothing of the batch', async () => {
    const s = await schema('apply_orphan');
    const orphan = recorded('o-9', refundIssued('card', { refundId: 'r-1', at: '2026-01-02T10:00:00.000Z' }), 3);
    await expect(applyBatch(f.pool, s, [...events(), orphan])).rejects.toThrow(/without OrderPlaced/);
    expect(await snapshot(f.pool, s)).toEqual({ orders: [], refunds: [], refund_daily: [] });
  });

  it('takes issuedAt from metadata.occurredAt, else (absent or unreadable) the recorded time', async () => {
    const s = await schema('apply_time');
    const placed = orderPlaced('o-3', 'EUR', 'card', '2026-01-01T00:00:00.000Z');
    const offset = refundIssued('card', { refundId: 'r-1', at: '2026-01-02T00:30:00+01:00' });
    const unreadable = refundIssued('card', { refundId: 'r-2', at: 'not a time' });
    const absent = refundIssued('card', { refundId: 'r-3', at: '2026-01-05T00:00:00.000Z' });
    await applyBatch(f.pool, s, [recorded('o-3', placed), recorded('o-3', offset, 1), recorded('o-3', unreadable, 2), recorded('o-3', { ...absent, metadata: {} }, 3)]);
    const { refunds } = await snapshot(f.pool, s);
    expect(refunds.map((r) => (r as { issued_at: Date }).issued_at.toISOString())).toEqual([
      '2026-01-01T23:30:00.000Z', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z',
    ]);
  });
});
