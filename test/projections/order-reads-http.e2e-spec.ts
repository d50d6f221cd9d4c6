import { startTestApp } from '@app/harness';
/**
 * GET /orders/{orderId} and GET /orders through HTTP against the real app (projector in-process):
 * read-your-writes with ?minPosition=, ETag, pagination, filters, errors; /health and /admin.
 */
import { expectOk, orderBody, ordersApi } from '@app/harness';
import type { TestApp } from '@app/harness';
import { orderStatusProjection } from '@app/projections/order-status';

describe('order reads over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t?.close());

  const read = (path: string, role: 'service' | 'auditor' | 'finance' | 'admin' = 'service') => t.http.get(path).set(t.as(role));

  it('sees its own write with ?minPosition= and answers the view with its ETag', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    const paid = await expectOk(api.pay(orderId));
    const response = await read(`/orders/${orderId}?minPosition=${encodeURIComponent(paid.body.position)}`);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({ orderId, status: 'processing', revision: 1, paid: response.body.total, currency: 'EUR' });
    expect(response.body.lines.map((l: { status: string }) => l.status)).toEqual(['awaiting_shipment', 'awaiting_shipment']);
    expect(Object.keys(response.body)).toEqual([
      'orderId', 'status', 'customer', 'channel', 'currency', 'goodsTotal', 'shippingFee', 'processingFee', 'total', 'paid',
      'refunded', 'balanceDue', 'refundDue', 'lines', 'returns', 'refunds', 'edits', 'complaints', 'revision', 'placedAt', 'updatedAt',
    ]);
    for (const role of ['auditor', 'finance', 'admin'] as const) expect((await read(`/orders/${orderId}`, role)).status).toBe(200);
    expect((await t.http.get(`/orders/${orderId}`)).status).toBe(401);
  });

  it('answers 304 without a body to If-None-Match naming the current revision, 200 once the order changed', async () => {
    const body = orderBody();
    const orderId = String(body.orderId);
    const placed = await expectOk(api.place(body), 201);
    const first = await expectOk(read(`/orders/${orderId}?minPosition=${encodeURIComponent(placed.body.position)}`));
    expect(first.headers['cache-control']).toBe('no-store');
    const etag = String(first.headers.etag);
    for (const header of [etag, `W/${etag}`, `"99", ${etag}`, '*']) {
      const unchanged = await t.http.get(`/orders/${orderId}`).set(t.as('service')).set('If-None-Match', header);
      expect({ header, status: unchanged.status, text: unchanged.text, etag: unchanged.headers.etag }).toEqual({ header, status: 304, text: '', etag });
    }
    const paid = await expectOk(api.pay(orderId));
    const changed = await t.http.get(`/orders/${orderId}?minPosition=${encodeURIComponent(paid.body.position)}`).set(t.as('service')).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"1"');
  });

  it('answers 404 order_not_found, 400 for malformed ids and positions, 503 projection_lagging past the head', async () => {
    const missing = await read('/orders/no-such-order');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('order_not_found');
    expect(missing.headers['content-type']).toContain('application/problem+json');

    const badId = await read('/orders/%20bad%20id');
    expect(badId.status).toBe(400);
    const badPosition = await read('/orders/x?minPosition=not-a-position');
    expect(badPosition.status).toBe(400);
    expect(badPosition.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'minPosition' }] });
    expect((await read('/orders/x?unknown=1')).status).toBe(400);

    // A position far beyond anything written: the wait gives up after 5 s.
    const future = '99999999999999999999-99999999999999999999';
    const lagging = await read(`/orders?minPosition=${future}`);
    expect(lagging.status).toBe(503);
    expect(lagging.body.code).toBe('projection_lagging');
    expect(lagging.headers['retry-after']).toBe('1');
  });

  it('lists newest first with an opaque keyset cursor, filtered by status and customer', async () => {
    const customerId = `c-list-${Date.now()}`;
    const ids: string[] = [];
    let last = '';
    for (let i = 0; i < 7; i += 1) {
      const body = orderBody({ customer: { id: customerId, registered: true } });
      ids.push(String(body.orderId));
      last = (await expectOk(api.place(body), 201)).body.position;
      if (i % 2 === 0) last = (await expectOk(api.pay(String(body.orderId)))).body.position;
    }
    const pages: Array<Array<Record<string, unknown>>> = [];
    let cursor: string | null = null;
    do {
      const query: string = `customerId=${customerId}&limit=3&minPosition=${last}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await expectOk(read(`/orders?${query}`));
      pages.push(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const listed = pages.flat();
    expect(listed.map((o) => o.orderId)).toEqual([...ids].reverse());
    expect(listed[0]).toEqual({
      orderId: ids[6], status: 'processing', customerId, currency: 'EUR', total: expect.any(Number),
      placedAt: expect.any(String), updatedAt: expect.any(String), revision: 1,
    });

    const pending = await expectOk(read(`/orders?customerId=${customerId}&status=pending_payment`));
    expect(pending.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[5], ids[3], ids[1]]);
    expect(pending.body.nextCursor).toBeNull();
    const everyone = await expectOk(read('/orders?limit=500'));
    expect(everyone.body.items.length).toBeGreaterThanOrEqual(7);
  });

  it.each([
    ['limit=0'], ['limit=501'], ['limit=abc'], ['status=lost'], ['cursor=not-a-cursor'], ['customerId='], ['foo=bar'],
    // Cursors that passed Date.parse and failed in PostgreSQL (500).
    ...[['1', 'x'], ['2020-02-30', 'x'], ['2020-02-30T00:00:00Z', 'x'], ['2026-01-01T00:00:00Z', 'x\u0000']]
      .map((parts) => [`cursor=${Buffer.from(JSON.stringify(parts)).toString('base64url')}`]),
  ])('refuses GET /orders?%s with 400 validation_failed', async (query) => {
    const response = await read(`/orders?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    if (query.startsWith('cursor=')) expect(response.body.errors).toEqual([{ field: 'cursor', message: 'cursor must be a nextCursor returned by GET /orders' }]);
  });

  it('shows the projection in /health and /admin/projections, and rebuilds it on request (admin only)', async () => {
    const head = (await expectOk(api.place(orderBody()), 201)).body.position;
    await expectOk(read(`/orders?minPosition=${head}&limit=1`));
    const health = await t.http.get('/health').set(t.as('service'));
    expect(health.body.projections['order-status']).toMatchObject({ position: expect.any(String), lag: 0 });

    expect((await read('/admin/projections', 'service')).status).toBe(403);
    const listed = await expectOk(read('/admin/projections', 'admin'));
    expect(listed.body.items.map((p: { name: string }) => p.name)).toEqual(['order-status', 'sla-timers', 'finance', 'after-sales-report']);
    expect(listed.body.items[0]).toEqual(expect.objectContaining({ name: 'order-status', state: 'running', lag: 0, position: head }));

    const before = await expectOk(read('/orders?limit=500'));
    const rebuilt = await t.http.post('/admin/projections/order-status/rebuild').set(t.as('admin'));
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toMatchObject({ name: 'order-status', version: orderStatusProjection.version, events: expect.any(Number), position: head });
    expect(rebuilt.body.events).toBeGreaterThan(10);
    expect((await expectOk(read('/orders?limit=500'))).body).toEqual(before.body);

    expect((await t.http.post('/admin/projections/nope/rebuild').set(t.as('admin'))).status).toBe(404);
    expect((await t.http.post('/admin/projections/order-status/rebuild').set(t.as('service'))).status).toBe(403);
  });
});
