import { ensureSlaTimersTable, startFinanceHarness, type FinanceHarness } from './support/finance-harness';

describe('GET /reports/refunds/outstanding', () => {
  let t: FinanceHarness;
  const get = (url = '/reports/refunds/outstanding') => t.http.get(url).set(t.as('finance'));
  const preview = (reason: string, goods: number, shipping: number, processingFee: number, feeRetained: number) =>
    ({ reason, goods, shipping, returnShipping: 0, processingFee, feeRetained, total: goods + shipping + processingFee });

  beforeAll(async () => {
    t = await startFinanceHarness();
  });
  afterAll(() => t.close());

  it('answers 503 read_model_unavailable while the SLA timers read model does not exist', async () => {
    const res = await get().expect(503);
    expect(res.body.code).toBe('read_model_unavailable');
    expect(res.headers['retry-after']).toBeDefined();
  });

  describe('with refund timers', () => {
    beforeAll(async () => {
      await ensureSlaTimersTable(t.pool);
      const timer = (id: string, kind: string, state: string, dueAt: string, currency: string, refundPreview: object | null) =>
        t.pool.query(
          `INSERT INTO sla_timers.timers (timer_id, order_id, kind, subject_id, started_at, due_at, stopped_at, state, duration, currency, refund_preview)
           VALUES ($1, $2, $3, $4, $5::timestamptz - interval '3 days', $5, CASE WHEN $6 = 'running' THEN NULL ELSE $5::timestamptz END, $6, '3 business days', $7, $8)`,
          [id, `order-of-${id}`, kind, `subject-${id}`, dueAt, state, currency, refundPreview],
        );
      await timer('t-late', 'refund', 'running', '2026-06-01T09:00:00.000Z', 'EUR', preview('cancellation', 10_000, 500, 150, 0));
      await timer('t-soon', 'refund', 'running', '2026-06-03T09:00:00.000Z', 'EUR', preview('return', 4999, 0, 0, 60));
      await timer('t-usd', 'refund', 'running', '2026-06-02T09:00:00.000Z', 'USD', preview('delivery_failed', 2500, 0, 30, 0));
      await timer('t-met', 'refund', 'met', '2026-06-02T09:00:00.000Z', 'EUR', preview('return', 1, 0, 0, 0));
      await timer('t-cancelled', 'refund', 'cancelled', '2026-06-02T09:00:00.000Z', 'EUR', preview('return', 1, 0, 0, 0));
      await timer('t-shipment', 'shipment', 'running', '2026-06-02T09:00:00.000Z', 'EUR', null);
      t.clock.set(new Date('2026-06-02T12:00:00.000Z'));
    });

    it('lists running refund timers, soonest due first, overdue by the business clock, with sums per currency', async () => {
      const res = await get().expect(200);
      expect(res.body).toEqual({
        items: [
          { timerId: 't-late', orderId: 'order-of-t-late', dueAt: '2026-06-01T09:00:00.000Z', overdue: true, currency: 'EUR', ...preview('cancellation', 10_000, 500, 150, 0) },
          { timerId: 't-usd', orderId: 'order-of-t-usd', dueAt: '2026-06-02T09:00:00.000Z', overdue: true, currency: 'USD', ...preview('delivery_failed', 2500, 0, 30, 0) },
          { timerId: 't-soon', orderId: 'order-of-t-soon', dueAt: '2026-06-03T09:00:00.000Z', overdue: false, currency: 'EUR', ...preview('return', 4999, 0, 0, 60) },
        ],
        totals: [
          { currency: 'EUR', count: 2, goods: 14_999, shipping: 500, returnShipping: 0, processingFee: 150, feeRetained: 60, total: 15_649 },
          { currency: 'USD', count: 1, goods: 2500, shipping: 0, returnShipping: 0, processingFee: 30, feeRetained: 0, total: 2530 },
        ],
      });
    });

    it('derives overdue from the injected clock, not the wall clock', async () => {
      t.clock.set(new Date('2026-05-01T00:00:00.000Z'));
      const res = await get().expect(200);
      expect(res.body.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([false, false, false]);
      t.clock.set(new Date('2026-06-02T12:00:00.000Z'));
    });

    it('answers the items as CSV', async () => {
      const res = await get('/reports/refunds/outstanding?format=csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text).toBe([
        'timerId,orderId,reason,dueAt,overdue,currency,goods,shipping,returnShipping,processingFee,feeRetained,total',
        't-late,order-of-t-late,cancellation,2026-06-01T09:00:00.000Z,true,EUR,10000,500,0,150,0,10650',
        't-usd,order-of-t-usd,delivery_failed,2026-06-02T09:00:00.000Z,true,USD,2500,0,0,30,0,2530',
        't-soon,order-of-t-soon,return,2026-06-03T09:00:00.000Z,false,EUR,4999,0,0,0,60,4999',
        '',
      ].join('\r\n'));
    });

    it('is for the finance and admin roles only', async () => {
      await t.http.get('/reports/refunds/outstanding').set(t.as('service')).expect(403);
      await t.http.get('/reports/refunds/outstanding').set(t.as('admin')).expect(200);
    });
  });
});
