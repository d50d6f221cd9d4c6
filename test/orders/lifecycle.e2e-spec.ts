import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, startTestApp, streamLength, uniqueId, type TestApp } from '@app/harness';

describe('order commands over HTTP: every endpoint on the happy path', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  it('places, pays, ships, delivers, confirms, returns, refunds, complains; answers revision, position and event types', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    const placed = await expectOk(api.place(body), 201);
    expect(placed.body).toEqual({ orderId, revision: 0, position: expect.any(String), events: ['OrderPlaced'], trackingUrl: expect.stringMatching(/\/track\/[A-Za-z0-9_-]{43}$/) });

    const paid = await expectOk(api.pay(orderId));
    expect(paid.body).toMatchObject({ orderId, revision: 1, events: ['PaymentConfirmed'] });
    await expectOk(api.ship(orderId, ['1'], 'ship-1'));
    await expectOk(api.ship(orderId, ['2'], 'ship-2'));
    const delivered = await expectOk(api.deliver(orderId, '1'));
    expect(delivered.body.events).toEqual(['ItemDelivered']);
    const failed = await expectOk(api.post(`/orders/${orderId}/lines/2/delivery-failed`, { reason: 'lost' }));
    expect(failed.body.events).toEqual(['ItemDeliveryFailed']);
    await expectOk(api.post(`/orders/${orderId}/replacements`, { shipmentId: 'ship-3', lineIds: ['2'], carrier: 'DHL', trackingNumber: 'R1' }));
    await expectOk(api.deliver(orderId, '2'));

    const returned = await expectOk(api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', note: 'keys stick' }));
    expect(returned.body.events).toEqual(['ReturnRequested']);
    await expectOk(api.post(`/orders/${orderId}/returns/r-1/approve`, {}));
    await expectOk(api.post(`/orders/${orderId}/returns/r-1/dispatch`, { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 695 }));
    await expectOk(api.post(`/orders/${orderId}/returns/r-1/receive`, { inspection: 'passed' }));
    const refund = await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-1', reason: 'return', returnId: 'r-1', destination: 'original' }));
    expect(refund.body.events).toEqual(['RefundIssued']);

    await expectOk(api.post(`/orders/${orderId}/receipt`, { lineIds: ['2'] }));
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }));
    await expectOk(api.post(`/orders/${orderId}/complaints/cmp-1/respond`, { message: 'sorry' }));
    const resolved = await expectOk(api.post(`/orders/${orderId}/complaints/cmp-1/resolve`, { resolution: 'voucher sent' }));
    expect(resolved.body.revision).toBe(16);

    // The refund breakdown is the server's (docs/domain-rules.md "Refunds"): one keyboard, merchant fault.
    const history = await t.http.get(`/orders/${orderId}/events`).set(t.as('auditor'));
    const issued = history.body.events.find((e: { type: string }) => e.type === 'RefundIssued');
    expect(issued.data).toMatchObject({ goods: 4999, shipping: 0, returnShipping: 695, processingFee: Math.floor((150 * 4999) / 12498), feeRetained: 0 });
    expect(issued.data.total).toBe(4999 + 695 + Math.floor((150 * 4999) / 12498));
  });

  it('rejects a return and a failed inspection; exchanges with a replacement', async () => {
    const orderId = await api.delivered();
    await expectOk(api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 2 }], reason: 'no_reason', resolution: 'refund' }));
    await expectOk(api.post(`/orders/${orderId}/returns/r-1/reject`, { reason: 'used' }));
    await expectOk(api.post(`/orders/${orderId}/returns`, { returnId: 'r-2', lines: [{ lineId: '2', quantity: 1 }], reason: 'wrong_item', resolution: 'exchange' }));
    await expectOk(api.post(`/orders/${orderId}/returns/r-2/approve`, {}));
    await expectOk(api.post(`/orders/${orderId}/returns/r-2/dispatch`, { carrier: 'UPS', trackingNumber: 'B2', shippingCost: 0 }));
    await expectOk(api.post(`/orders/${orderId}/returns/r-2/receive`, { inspection: 'passed' }));
    const replaced = await expectOk(api.post(`/orders/${orderId}/replacements`, { shipmentId: 'x-1', lineIds: ['2'], carrier: 'UPS', trackingNumber: 'X1', returnId: 'r-2' }));
    expect(replaced.body.events).toEqual(['ReplacementShipped']);
  });

  it('fails a payment (cancels), cancels a paid order and refunds it in full', async () => {
    const failing = orderBody();
    await expectOk(api.place(failing), 201);
    const failed = await expectOk(api.post(`/orders/${failing.orderId}/payment/fail`, { reason: 'card declined' }));
    expect(failed.body.events).toEqual(['PaymentFailed', 'OrderCancelled']);

    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(orderId));
    const cancelled = await expectOk(api.post(`/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' }));
    expect(cancelled.body.events).toEqual(['OrderCancelled']);
    await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-c', reason: 'cancellation', destination: 'original' }));
    const history = await t.http.get(`/orders/${orderId}/events`).set(t.as('auditor'));
    expect(history.body.events.at(-1).data).toMatchObject({ reason: 'cancellation', total: DEFAULT_TOTAL, processingFee: 150, shipping: 500 });
  });

  it('keeps X-Correlation-Id in the metadata and echoes it; makes one when absent', async () => {
    const body = orderBody();
    const response = await expectOk(api.place(body, { 'X-Correlation-Id': 'corr-123' }), 201);
    expect(response.headers['x-correlation-id']).toBe('corr-123');
    const history = await t.http.get(`/orders/${body.orderId}/events`).set(t.as('auditor'));
    expect(history.body.events[0].metadata).toMatchObject({
      correlationId: 'corr-123',
      actor: { type: 'token', role: 'service', tokenName: expect.stringMatching(/^service-[0-9a-f]{8}$/) },
      schemaVersion: 1,
      occurredAt: expect.any(String),
      policyVersion: expect.any(String),
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const generated = await expectOk(api.place(orderBody()), 201);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes an orderId when none is given, stable under the same Idempotency-Key', async () => {
    const { orderId: _omitted, ...body } = orderBody();
    const key = uniqueId('key');
    const first = await expectOk(api.place(body, { 'Idempotency-Key': key }), 201);
    const again = await expectOk(api.place(body, { 'Idempotency-Key': key }), 201);
    expect(again.body).toEqual(first.body);
    expect(await streamLength(t.pool, first.body.orderId)).toBe(1);
  });
});
