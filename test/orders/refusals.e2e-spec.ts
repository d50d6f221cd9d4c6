import { expectOk, orderBody, ordersApi, startTestApp, streamLength, uniqueId, type TestApp } from '@app/harness';

const problemJson = /^application\/problem\+json/;

describe('order commands over HTTP: refusals change nothing', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  async function expectRefused(orderId: string, pending: PromiseLike<{ status: number; body: any; headers: any }>, status: number, code: string) {
    const before = await streamLength(t.pool, orderId);
    const response = await pending;
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
    expect(await streamLength(t.pool, orderId)).toBe(before);
    return response.body;
  }

  it('refuses business rules with 422 and their codes', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectRefused(orderId, api.pay(orderId, 1), 422, 'payment_amount_mismatch');
    await expectRefused(orderId, api.ship(orderId, ['1']), 422, 'order_not_paid');
    await expectOk(api.pay(orderId));
    await expectRefused(orderId, api.pay(orderId), 422, 'invalid_state_transition');
    await expectOk(api.ship(orderId, ['1']));
    await expectRefused(orderId, api.post(`/orders/${orderId}/cancel`, { reason: 'changed mind', by: 'customer' }), 422, 'cancel_after_shipment');
    await expectOk(api.deliver(orderId, '1'));
    await expectRefused(orderId, api.deliver(orderId, '2'), 422, 'invalid_state_transition');
    await expectRefused(orderId, api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 3 }], reason: 'defective', resolution: 'refund' }), 422, 'quantity_exceeds_returnable');
    await expectOk(api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' }));
    await expectRefused(orderId, api.post(`/orders/${orderId}/returns`, { returnId: 'r-2', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' }), 422, 'return_already_open');
    await expectRefused(orderId, api.post(`/orders/${orderId}/refunds`, { refundId: 'g-1', reason: 'goodwill', amount: 999_999, destination: 'original' }), 422, 'refund_exceeds_refundable');
  });

  it('refuses non-returnable items and closed windows', async () => {
    const body = orderBody({
      lines: [
        { lineId: '1', sku: 'SUB', name: 'Subscription', quantity: 1, unitPrice: 1000, category: 'service' },
        { lineId: '2', sku: 'KEY', name: 'Licence', quantity: 1, unitPrice: 1000, category: 'digital' },
      ],
    });
    const orderId = await api.delivered(body);
    await expectRefused(orderId, api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' }), 422, 'item_not_returnable');
    await expectRefused(orderId, api.post(`/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'no_reason', resolution: 'refund' }), 422, 'item_not_returnable');

    const late = orderBody();
    const lateId = String(late.orderId);
    await expectOk(api.place(late), 201);
    await expectOk(api.pay(lateId));
    await expectOk(api.ship(lateId, ['1', '2']));
    await expectOk(api.post('/admin/clock', { now: new Date(Date.now() + 20 * 86_400_000).toISOString() }).set(t.as('admin')));
    await expectOk(api.deliver(lateId, '1', new Date(Date.now() + 86_400_000).toISOString()));
    await expectRefused(lateId, api.post(`/orders/${lateId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'no_reason', resolution: 'refund' }), 422, 'return_window_closed');
    await expectOk(api.post('/admin/clock', { now: new Date().toISOString() }).set(t.as('admin')));
  });

  it('refuses a wallet refund for a guest customer', async () => {
    const body = orderBody({ customer: { id: uniqueId('g'), registered: false } });
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(orderId));
    await expectOk(api.post(`/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' }));
    await expectRefused(orderId, api.post(`/orders/${orderId}/refunds`, { refundId: 'w-1', reason: 'cancellation', destination: 'wallet' }), 422, 'wallet_requires_registration');
  });

  it('answers 404 for unknown orders, lines, returns and complaints', async () => {
    const missing = uniqueId('missing');
    await expectRefused(missing, api.pay(missing), 404, 'order_not_found');
    const orderId = await api.delivered();
    await expectRefused(orderId, api.deliver(orderId, '9'), 404, 'line_not_found');
    await expectRefused(orderId, api.post(`/orders/${orderId}/returns/nope/approve`, {}), 404, 'return_not_found');
    await expectRefused(orderId, api.post(`/orders/${orderId}/complaints/nope/respond`, { message: 'x' }), 404, 'complaint_not_found');
  });

  it('answers 400 with a per-field list for malformed bodies, and writes nothing', async () => {
    const body = orderBody({ shippingFee: 1.5, currency: 'euro', lines: [{ lineId: '1', sku: 'A', name: 'A', quantity: 0, unitPrice: -1, category: 'food' }], extra: true });
    const problem = await expectRefused(String(body.orderId), api.place(body), 400, 'validation_failed');
    const fields = problem.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['shippingFee', 'currency', 'lines[0].quantity', 'lines[0].unitPrice', 'lines[0].category', 'extra']));
    await expectRefused('x', api.post('/orders/bad id!/payment/confirm', { transactionId: 't', amount: 1 }), 400, 'validation_failed');
    const physicalWithoutAddress = orderBody({ shippingAddress: undefined });
    await expectRefused(String(physicalWithoutAddress.orderId), api.place(physicalWithoutAddress), 400, 'validation_failed');
  });

  it('409 for the same orderId with another body; the first answer for the same body', async () => {
    const body = orderBody();
    const first = await expectOk(api.place(body), 201);
    const again = await expectOk(api.place(body), 201);
    expect(again.body).toEqual(first.body);
    await expectRefused(String(body.orderId), api.place({ ...body, channel: 'phone' }), 409, 'order_already_exists');
  });

  it('If-Match: appends at the named revision, 412 otherwise; ETag-style quoting accepted', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectRefused(orderId, api.post(`/orders/${orderId}/complaints`, { complaintId: 'c1', category: 'other', message: 'x' }, { 'If-Match': '"3"' }), 412, 'revision_mismatch');
    const ok = await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'c1', category: 'other', message: 'x' }, { 'If-Match': '"0"' }));
    expect(ok.body.revision).toBe(1);
  });

  it('401 without or with a bad token, 403 for a role that may not send commands', async () => {
    const body = orderBody();
    const none = await t.http.post('/orders').send(body);
    expect([none.status, none.body.code]).toEqual([401, 'unauthenticated']);
    const bad = await t.http.post('/orders').set('Authorization', 'Bearer not-a-real-token-at-all').send(body);
    expect([bad.status, bad.body.code]).toEqual([401, 'unauthenticated']);
    const finance = await t.http.post('/orders').set(t.as('finance')).send(body);
    expect([finance.status, finance.body.code]).toEqual([403, 'forbidden']);
    expect(await streamLength(t.pool, String(body.orderId))).toBe(0);
    const admin = await t.http.post('/orders').set(t.as('admin')).send(body);
    expect(admin.status).toBe(201);
  });

  it('413 for a body over 1 MiB, 400 for malformed JSON', async () => {
    const orderId = await api.delivered();
    const huge = await t.http.post(`/orders/${orderId}/complaints`).set(t.as('service')).set('content-type', 'application/json').send(`{"message":"${'a'.repeat(1_100_000)}"}`);
    expect([huge.status, huge.body.code]).toEqual([413, 'payload_too_large']);
    const malformed = await t.http.post(`/orders/${orderId}/complaints`).set(t.as('service')).set('content-type', 'application/json').send('{"complaintId": ');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'validation_failed']);
    expect(malformed.headers['content-type']).toMatch(problemJson);
  });
});

describe('idempotency and concurrency', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  it('same key and body: the first answer, nothing appended (sequentially and concurrently); other body: 422', async () => {
    const orderId = await api.delivered();
    const before = await streamLength(t.pool, orderId);
    const key = uniqueId('k');
    const complaint = { complaintId: 'c-1', category: 'quality', message: 'scratched' };
    const first = await expectOk(api.post(`/orders/${orderId}/complaints`, complaint, { 'Idempotency-Key': key }));
    const second = await expectOk(api.post(`/orders/${orderId}/complaints`, complaint, { 'Idempotency-Key': key }));
    expect(second.body).toEqual(first.body);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => api.post(`/orders/${orderId}/complaints/c-1/respond`, { message: 'on it' }, { 'Idempotency-Key': `${key}-r` })));
    expect(new Set(concurrent.map((r) => JSON.stringify([r.status, r.body])))).toEqual(new Set([JSON.stringify([200, concurrent[0].body])]));
    expect(await streamLength(t.pool, orderId)).toBe(before + 2);
    const reused = await api.post(`/orders/${orderId}/complaints`, { ...complaint, message: 'other' }, { 'Idempotency-Key': key });
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await streamLength(t.pool, orderId)).toBe(before + 2);
  });

  it('recognises a retry from the stream when the first answer was never recorded (crash between append and answer)', async () => {
    const orderId = await api.delivered();
    const key = uniqueId('k');
    const first = await expectOk(api.post(`/orders/${orderId}/receipt`, {}, { 'Idempotency-Key': key }));
    await t.pool.query('DELETE FROM idempotency_records WHERE idempotency_key = $1', [key]);
    const retry = await expectOk(api.post(`/orders/${orderId}/receipt`, {}, { 'Idempotency-Key': key }));
    expect(retry.body).toEqual(first.body);
  });

  it('20 concurrent complaints without If-Match all succeed with 20 distinct revisions', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.post(`/orders/${orderId}/complaints`, { complaintId: `c-${i}`, category: 'other', message: `m${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.revision)).size).toBe(20);
    expect(await streamLength(t.pool, orderId)).toBe(21);
  });
});
