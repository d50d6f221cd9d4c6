/**
 * Exchange for another product over HTTP on the real app (issue #19, item 1): a return with
 * `exchangeFor`, priced when it passes inspection; dearer, the balance is paid before the
 * replacement ships; cheaper, the difference is refunded (reason exchange) within 3 business
 * days, in the finance ledger, reconciled; what the order view and the audit state-at show,
 * for an exchange and for a repair in progress.
 * Standard order: 2 × 4999 + 1 × 2500 (the mouse, line 2) = 12498, shipping 500, fee 150 (card) → 13148.
 */
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { reconcile } from '@app/projections/finance';
import { DEFAULT_TOTAL, expectOk, ordersApi, startTestApp, streamLength, type TestApp } from '@app/harness';
import { orderReads } from './support/order-reads';

const product = (lineId: string, unitPrice: number) => ({ lineId, sku: `SKU-${lineId}`, name: `Item ${lineId}`, quantity: 1, unitPrice, category: 'physical' });

describe('exchange for another product, over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  const day = '2026-03-02';

  const { travel, view, events, timers } = orderReads(() => t);
  const returns = (orderId: string, path: string, body: object) => api.post(`/orders/${orderId}/returns${path}`, body);
  const refund = (orderId: string, body: object) => api.post(`/orders/${orderId}/refunds`, { destination: 'original', ...body });
  const replace = (orderId: string, lineIds: string[]) =>
    api.post(`/orders/${orderId}/replacements`, { shipmentId: 's-x', lineIds, carrier: 'DHL', trackingNumber: 'TRK-x', returnId: 'r-1' });
  const lineStatuses = (shown: { lines: Array<{ lineId: string; status: string }> }) => shown.lines.map((l) => `${l.lineId}:${l.status}`);
  /** The mouse on its way back to be exchanged for `exchangeFor`; answers the orderId. */
  const mouseSentBack = async (exchangeFor: object[]) => {
    const orderId = await api.delivered();
    await expectOk(returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'not_as_described', resolution: 'exchange', exchangeFor }));
    await expectOk(returns(orderId, '/r-1/approve', {}));
    await expectOk(returns(orderId, '/r-1/dispatch', { carrier: 'La Poste', trackingNumber: 'RT-1', shippingCost: 600 }));
    return orderId;
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  it('dearer: the trackball waits for the balance of 1000 (balance_unpaid, payment_amount_mismatch), then ships as the replacement', async () => {
    await travel(`${day}T10:00:00.000Z`); // a Monday
    const orderId = await mouseSentBack([product('3', 3500)]);
    const received = await expectOk(returns(orderId, '/r-1/receive', { inspection: 'passed' }));
    expect(received.body.events).toEqual(['ReturnReceived', 'ExchangePriced']);
    expect((await events(orderId)).at(-1)?.data).toEqual({
      returnId: 'r-1', returnedGoods: 2500, exchangeGoods: 3500, balanceDue: 1000, refundDue: 0, awaitingBalance: [{ lineId: '3', quantity: 1 }],
    });
    const pending = await view(orderId, String(received.body.position));
    expect(pending).toMatchObject({ goodsTotal: 13498, total: 14148, paid: DEFAULT_TOTAL, balanceDue: 1000, refundDue: 0, status: 'processing' });
    expect(pending.returns).toEqual([{
      returnId: 'r-1', status: 'exchange_pending_payment', reason: 'not_as_described', resolution: 'exchange',
      lines: [{ lineId: '2', quantity: 1 }], exchangeFor: [{ lineId: '3', quantity: 1 }],
    }]);
    expect(lineStatuses(pending)).toEqual(['1:delivered', '2:return_received', '3:exchange_pending_payment']);
    expect(pending.lines[2]).toMatchObject({ exchangeOf: 'r-1', awaitingBalanceQuantity: 1, sku: 'SKU-3', unitPrice: 3500 });
    const [balance] = await timers({ orderId, kind: 'payment', minPosition: String(received.body.position) });
    expect(balance).toMatchObject({ subjectId: `balance:${orderId}`, state: 'running', duration: '24 hours' });

    const before = await streamLength(t.pool, orderId);
    expect((await replace(orderId, ['3'])).body).toMatchObject({ status: 422, code: 'balance_unpaid' });
    expect((await api.pay(orderId, 999)).body).toMatchObject({ status: 422, code: 'payment_amount_mismatch' });
    expect((await api.ship(orderId, ['3'])).body).toMatchObject({ status: 422, code: 'invalid_state_transition' });
    expect(await streamLength(t.pool, orderId)).toBe(before);

    const paid = await expectOk(api.pay(orderId, 1000));
    const ready = await view(orderId, String(paid.body.position));
    expect(ready).toMatchObject({ paid: DEFAULT_TOTAL + 1000, balanceDue: 0, returns: [{ status: 'received' }] });
    expect(lineStatuses(ready)).toEqual(['1:delivered', '2:return_received', '3:awaiting_shipment']);
    expect((await replace(orderId, ['2'])).body).toMatchObject({ status: 400, code: 'validation_failed' });
    const shipped = await expectOk(replace(orderId, ['3']));
    const done = await view(orderId, String(shipped.body.position));
    expect(done.returns[0].status).toBe('replaced');
    expect(lineStatuses(done)).toEqual(['1:delivered', '2:exchanged', '3:shipped']);
    expect(done.lines[1]).toMatchObject({ exchangedQuantity: 1 });

    // The audit state-at folds the same way: before the payment the exchange waits for it.
    const revisionOf = async (type: string) => (await events(orderId)).find((e) => e.type === type)!.revision;
    const at = async (revision: number) =>
      (await expectOk(t.http.get(`/orders/${orderId}/state`).query({ revision: String(revision) }).set(t.as('auditor')))).body;
    const priced = await at(await revisionOf('ExchangePriced'));
    expect(priced.returns[0].status).toBe('exchange_pending_payment');
    expect(lineStatuses(priced)).toEqual(['1:delivered', '2:return_received', '3:exchange_pending_payment']);
    expect(lineStatuses(await at(await revisionOf('ReplacementShipped')))).toEqual(['1:delivered', '2:exchanged', '3:shipped']);
  });

  it('cheaper: 1500 comes back with its fee share (1518, reason exchange) within 3 business days; the ledger shows it and reconciles', async () => {
    await travel(`${day}T10:00:00.000Z`);
    const orderId = await mouseSentBack([product('3', 1000)]);
    const early = await refund(orderId, { refundId: 'rf-early', reason: 'exchange', returnId: 'r-1' });
    expect(early.body).toMatchObject({ status: 422, code: 'invalid_state_transition' });
    const received = await expectOk(returns(orderId, '/r-1/receive', { inspection: 'passed' }));
    expect(await view(orderId, String(received.body.position))).toMatchObject({ goodsTotal: 10998, balanceDue: 0, refundDue: 1500 });
    const [owed] = await timers({ orderId, kind: 'refund', minPosition: String(received.body.position) });
    expect(owed).toMatchObject({ subjectId: 'exchange:r-1', state: 'running', duration: '3 business days' });
    expect(owed.dueAt).toMatch(/^2026-03-05T10:0/); // Monday + 3 business days (the test clock runs on from where it was set)

    expect((await refund(orderId, { refundId: 'rf-x', reason: 'exchange', returnId: 'r-9' })).body).toMatchObject({ status: 404, code: 'return_not_found' });
    expect((await refund(orderId, { refundId: 'rf-x', reason: 'exchange' })).body).toMatchObject({ status: 400, code: 'validation_failed' });
    const issued = await expectOk(refund(orderId, { refundId: 'rf-x', reason: 'exchange', returnId: 'r-1' }));
    expect((await events(orderId)).at(-1)?.data).toEqual({
      refundId: 'rf-x', reason: 'exchange', returnId: 'r-1', lines: [], destination: 'original', method: 'card',
      goods: 1500, shipping: 0, returnShipping: 0, processingFee: 18, feeRetained: 0, total: 1518,
    });
    expect((await refund(orderId, { refundId: 'rf-y', reason: 'exchange', returnId: 'r-1' })).body).toMatchObject({ status: 422, code: 'refund_exceeds_refundable' });
    const [met] = await timers({ orderId, kind: 'refund', minPosition: String(issued.body.position) });
    expect(met).toMatchObject({ subjectId: 'exchange:r-1', state: 'met' });
    const shown = await view(orderId, String(issued.body.position));
    expect(shown).toMatchObject({ refundDue: 0, refunded: 1518, returns: [{ status: 'received' }] });
    await expectOk(replace(orderId, ['3']));

    const finance = (url: string) => expectOk(t.http.get(url).set(t.as('finance')));
    const ledger = await finance(`/reports/refunds/ledger?from=${day}&to=${day}&minPosition=${issued.body.position}`);
    const mine = ledger.body.items.filter((i: { orderId: string }) => i.orderId === orderId);
    expect(mine.map((i: { reason: string; total: number }) => `${i.reason}:${i.total}`)).toEqual(['exchange:1518']);
    const report = await finance(`/reports/refunds?from=${day}&to=${day}&groupBy=reason&minPosition=${issued.body.position}`);
    expect(report.body.rows.map((r: { key: string }) => r.key)).toContain('exchange');
    const result = await reconcile({ store: t.app.get<EventStore>(EVENT_STORE), db: t.pool, from: day, to: '2026-03-03' });
    expect(result.differences).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a repair in progress shows as such on the line, in the view and at that revision in the audit state-at', async () => {
    await travel(`${day}T10:00:00.000Z`);
    const orderId = await api.delivered();
    await expectOk(returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'repair' }));
    await expectOk(returns(orderId, '/r-1/approve', {}));
    await expectOk(returns(orderId, '/r-1/dispatch', { carrier: 'La Poste', trackingNumber: 'RT-1', shippingCost: 0 }));
    const received = await expectOk(returns(orderId, '/r-1/receive', { inspection: 'passed' }));
    const shown = await view(orderId, String(received.body.position));
    expect(shown.returns[0].status).toBe('repair_in_progress');
    expect(lineStatuses(shown)).toEqual(['1:delivered', '2:repair_in_progress']);
    await expectOk(returns(orderId, '/r-1/repaired', { shipmentId: 's-rep', carrier: 'DHL', trackingNumber: 'TRK-rep' }));
    const receivedAt = (await events(orderId)).find((e) => e.type === 'ReturnReceived')!.revision;
    const state = await expectOk(t.http.get(`/orders/${orderId}/state`).query({ revision: String(receivedAt) }).set(t.as('auditor')));
    expect(lineStatuses(state.body)).toEqual(['1:delivered', '2:repair_in_progress']);
    const after = await expectOk(t.http.get(`/orders/${orderId}/state`).query({ revision: String(receivedAt + 1) }).set(t.as('auditor')));
    expect(lineStatuses(after.body)).toEqual(['1:delivered', '2:shipped']);
  });

  it('refuses a malformed exchange (validation_failed) and another product under warranty after the window (warranty_same_product)', async () => {
    await travel(`${day}T10:00:00.000Z`);
    const orderId = await api.delivered();
    const request = (body: object) => returns(orderId, '', { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'exchange', ...body });
    const before = await streamLength(t.pool, orderId);
    const withRefund = await request({ resolution: 'refund', exchangeFor: [product('3', 1000)] });
    expect(withRefund.body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'exchangeFor' }] });
    const taken = await request({ exchangeFor: [product('1', 1000)] });
    expect(taken.body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'exchangeFor[0].lineId' }] });
    const negative = await request({ exchangeFor: [{ ...product('3', 1000), unitPrice: -1 }] });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('unitPrice');
    const missing = await request({ exchangeFor: [{ lineId: '3', quantity: 1, unitPrice: 100, category: 'physical' }] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('sku');

    await travel('2026-03-18T10:00:00.000Z'); // day 16: past the 14-day window, under the 365-day warranty
    expect((await request({ exchangeFor: [product('3', 2500)] })).body).toMatchObject({ status: 422, code: 'warranty_same_product' });
    expect(await streamLength(t.pool, orderId)).toBe(before);
    await expectOk(request({})); // the same product is still exchanged under warranty
  });
});
