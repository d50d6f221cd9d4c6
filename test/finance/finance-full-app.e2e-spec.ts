import { startTestApp } from '@app/harness';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { reconcile } from '@app/projections/finance';
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, type TestApp } from '@app/harness';

/**
 * The whole path: HTTP commands → events → the projector (order-status, sla-timers, finance) →
 * the finance reports, on the real app. What the reports show is compared with the events
 * themselves, as the auditors' endpoint gives them.
 */
describe('finance reports on the real app', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  const day = '2026-03-10';
  const finance = (url: string) => t.http.get(url).set(t.as('finance'));

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
    await expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now: `${day}T10:00:00.000Z` }));
  });
  afterAll(() => t.close());

  async function refundsIssued(orderId: string) {
    const { body } = await expectOk(t.http.get(`/orders/${orderId}/events`).set(t.as('auditor')));
    return (body.events as Array<{ type: string; data: Record<string, unknown>; metadata: { occurredAt: string } }>)
      .filter((e) => e.type === 'RefundIssued')
      .map((e) => ({ ...e.data, issuedAt: e.metadata.occurredAt }));
  }

  it('shows a due cancellation refund as outstanding, then in the report and ledger once issued, to the cent', async () => {
    // A: EUR, card, paid then cancelled by the customer: a full refund becomes due.
    const a = orderBody({ currency: 'EUR' });
    const orderA = String(a.orderId);
    await expectOk(api.place(a), 201);
    await expectOk(api.pay(orderA));
    const cancelled = await expectOk(api.post(`/orders/${orderA}/cancel`, { reason: 'customer_request', by: 'customer' }));

    const due = await expectOk(finance(`/reports/refunds/outstanding?minPosition=${cancelled.body.position}`));
    const dueA = due.body.items.filter((i: { orderId: string }) => i.orderId === orderA);
    expect(dueA).toEqual([expect.objectContaining({ reason: 'cancellation', currency: 'EUR', overdue: false, total: DEFAULT_TOTAL, goods: 12_498, shipping: 500, processingFee: 150 })]);
    expect(due.body.totals).toEqual([expect.objectContaining({ currency: 'EUR', count: 1, total: DEFAULT_TOTAL })]);

    await expectOk(api.post(`/orders/${orderA}/refunds`, { refundId: 'rf-a', reason: 'cancellation', destination: 'original' }));

    // B: USD, paypal; the mouse is lost in transit and refunded (the fee share is retained), plus goodwill.
    const b = orderBody({ currency: 'USD', payment: { method: 'paypal', processingFee: 150 } });
    const orderB = String(b.orderId);
    await expectOk(api.place(b), 201);
    await expectOk(api.pay(orderB));
    await expectOk(api.ship(orderB, ['1', '2']));
    await expectOk(api.post(`/orders/${orderB}/lines/2/delivery-failed`, { reason: 'lost' }));
    await expectOk(api.post(`/orders/${orderB}/refunds`, { refundId: 'rf-b1', reason: 'delivery_failed', destination: 'original' }));
    const last = await expectOk(api.post(`/orders/${orderB}/refunds`, { refundId: 'rf-b2', reason: 'goodwill', destination: 'wallet', amount: 1000 }));

    const events = [...(await refundsIssued(orderA)), ...(await refundsIssued(orderB))] as Array<Record<string, number | string>>;
    expect(events).toHaveLength(3);
    const report = await expectOk(finance(`/reports/refunds?from=${day}&to=${day}&groupBy=reason&minPosition=${last.body.position}`));
    const sum = (currency: string, field: string) => events
      .filter((e) => (e.refundId === 'rf-a' ? 'EUR' : 'USD') === currency)
      .reduce((s, e) => s + Number(e[field]), 0);
    const totals = (currency: string, count: number) => ({
      currency, count, goods: sum(currency, 'goods'), shipping: sum(currency, 'shipping'), returnShipping: sum(currency, 'returnShipping'),
      processingFee: sum(currency, 'processingFee'), feeRetained: sum(currency, 'feeRetained'), total: sum(currency, 'total'),
    });
    expect(report.body.totals).toEqual([totals('EUR', 1), totals('USD', 2)]);
    expect(report.body.rows.map((r: { key: string; currency: string }) => `${r.key}/${r.currency}`)).toEqual(['cancellation/EUR', 'delivery_failed/USD', 'goodwill/USD']);
    // paypal keeps the fee: the share of 3500 of 12498 goods refunded so far is retained, none refunded.
    expect(report.body.totals[1]).toMatchObject({ goods: 2500 + 1000, feeRetained: Math.floor((150 * 3500) / 12_498), processingFee: 0 });

    const ledger = await expectOk(finance(`/reports/refunds/ledger?from=${day}&to=${day}`));
    expect(ledger.body.items).toEqual(events.map((e) => ({
      refundId: e.refundId, orderId: e.refundId === 'rf-a' ? orderA : orderB, issuedAt: e.issuedAt, currency: e.refundId === 'rf-a' ? 'EUR' : 'USD',
      reason: e.reason, method: e.method, destination: e.destination, goods: e.goods, shipping: e.shipping, returnShipping: e.returnShipping,
      processingFee: e.processingFee, feeRetained: e.feeRetained, total: e.total,
    })));

    // The cancellation refund was issued: it is no longer outstanding.
    const after = await expectOk(finance(`/reports/refunds/outstanding?minPosition=${last.body.position}`));
    expect(after.body.items.filter((i: { orderId: string }) => i.orderId === orderA)).toEqual([]);

    const result = await reconcile({ store: t.app.get<EventStore>(EVENT_STORE), db: t.pool, from: day, to: day });
    expect(result.differences).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('answers the reconciliation over HTTP: equal to the cent, then the difference of a tampered read model', async () => {
    const url = `/reports/refunds/reconciliation?from=${day}&to=${day}`;
    const equal = await expectOk(finance(url));
    expect(equal.body).toEqual({ from: day, to: day, ok: true, differences: [], missingFromLedger: [], notInLog: [], withoutCurrency: [] });
    expect((await t.http.get(url).set(t.as('service'))).status).toBe(403);
    expect((await finance(`/reports/refunds/reconciliation?from=${day}&to=2026-03-01`)).status).toBe(400);
    expect((await finance('/reports/refunds/reconciliation?from=2026-03-10')).body.errors).toEqual([{ field: 'to', message: expect.stringContaining('required') }]);

    await t.pool.query(`UPDATE finance.refund_daily SET total = total + 1 WHERE dimension = 'all' AND currency = 'USD' AND day = $1`, [day]);
    const tampered = await expectOk(finance(url));
    expect(tampered.body.ok).toBe(false);
    expect(tampered.body.differences).toContainEqual(expect.objectContaining({ scope: 'totals', currency: 'USD', field: 'total' }));
  });
});
