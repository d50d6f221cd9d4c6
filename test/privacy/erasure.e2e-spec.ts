/**
 * Crypto-shredding end to end (docs/privacy.md): personal data sealed per customer at rest,
 * shown decrypted to authorised roles, and after POST /customers/{id}/erase "[erased]" in the
 * events, state-at and read model, with amounts, statuses and the hash chain intact, and no
 * plaintext left in any table or log line.
 */
import { Writable } from 'node:stream';
import { verifyChain } from '@app/audit';
import { customerStream, orderStream, type EventStore } from '@app/event-store';
import { ERASED } from '@app/ordering';
import { RAW_EVENT_STORE } from '@app/event-store';
import { DEFAULT_TOTAL, expectOk, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import { distinctCustomer, findInAllTables, needlesOf, orderFor, tableCount } from './support/personal-data';

// Every log line of the app (pino, and Nest's logger through it) lands here as well as nowhere
// else: the same configuration as production, with a destination we can read.
const mockLogLines: string[] = [];
jest.mock('@app/observability', () => {
  const actual = jest.requireActual('@app/observability');
  return {
    ...actual,
    loggingParams: (config: never) => {
      const params = actual.loggingParams(config);
      const sink = new Writable({ write: (chunk, _encoding, done) => { mockLogLines.push(String(chunk)); done(); } });
      return { ...params, pinoHttp: [params.pinoHttp, sink] };
    },
  };
});

describe('erasing a customer\'s personal data', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  const zoe = distinctCustomer('Zoe');
  const other = distinctCustomer('Olga');
  let orderId: string;
  let secondOrderId: string;
  let otherOrderId: string;
  /** The last write of each order: reads wait for the read model to reach it. */
  const lastWrite = new Map<string, string>();
  const consoleLines: string[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    t = await startTestApp({ LOG_LEVEL: 'trace' });
    // Nest buffers its own lines until app.listen(), which tests never call: flush them as it does.
    t.app.flushLogs();
    api = ordersApi(t);
    orderId = await api.delivered(orderFor(zoe));
    const o = `/orders/${orderId}`;
    await expectOk(api.post(`${o}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', note: zoe.returnNote }));
    await expectOk(api.post(`${o}/returns/r-1/approve`, {}));
    await expectOk(api.post(`${o}/returns/r-1/dispatch`, { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 0 }));
    await expectOk(api.post(`${o}/returns/r-1/receive`, { inspection: 'passed', note: `Received from ${zoe.customer.name}` }));
    await expectOk(api.post(`${o}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: zoe.complaint }));
    lastWrite.set(orderId, (await expectOk(api.post(`${o}/complaints/cmp-1/respond`, { message: zoe.response }))).body.position);
    const second = await expectOk(api.place(orderFor(zoe)), 201);
    secondOrderId = String(second.body.orderId);
    lastWrite.set(secondOrderId, second.body.position);
    otherOrderId = await api.delivered(orderFor(other));
    const complaint = await expectOk(api.post(`/orders/${otherOrderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: other.complaint }));
    lastWrite.set(otherOrderId, complaint.body.position);
  });
  afterAll(async () => {
    await t?.close();
    jest.restoreAllMocks();
  });

  const events = async (id: string) => (await expectOk(t.http.get(`/orders/${id}/events`).set(t.as('auditor')))).body.events as Array<{ type: string; data: Record<string, any> }>;
  const dataOf = async (id: string, type: string) => (await events(id)).filter((e) => e.type === type).map((e) => e.data);
  const view = async (id: string, minPosition = lastWrite.get(id)) =>
    (await expectOk(t.http.get(`/orders/${id}?minPosition=${minPosition}`).set(t.as('service')))).body;

  it('stores personal values sealed, and shows them decrypted to authorised roles', async () => {
    const { rows } = await t.pool.query<{ data: string; metadata: string }>('SELECT data::text, metadata::text FROM events WHERE stream_id = $1', [orderStream(orderId)]);
    const stored = rows.map((r) => r.data + r.metadata).join('\n');
    for (const needle of needlesOf(zoe)) expect(stored).not.toContain(needle);
    expect(stored).toContain('"enc": "v1"');

    const [placed] = await dataOf(orderId, 'OrderPlaced');
    expect(placed.customer).toEqual(zoe.customer);
    expect(placed.shippingAddress).toEqual(zoe.shippingAddress);
    expect((await dataOf(orderId, 'ReturnRequested'))[0].note).toBe(zoe.returnNote);
    expect((await dataOf(orderId, 'ComplaintResponded'))[0].message).toBe(zoe.response);
    // The read model holds the plaintext now (it has caught up): erasure must take it out.
    expect((await view(orderId)).customer).toEqual(zoe.customer);
    expect((await view(secondOrderId)).customer).toEqual(zoe.customer);
    expect(await findInAllTables(t.pool, [zoe.customer.email])).toEqual(['order_status.orders: ' + zoe.customer.email]);
    const state = await expectOk(t.http.get(`/orders/${orderId}/state?revision=0`).set(t.as('auditor')));
    expect(state.body.customer.email).toBe(zoe.customer.email);
  });

  it('is for admins only, answers 404 for a customer nobody knows, and is idempotent', async () => {
    await expectOk(t.http.post(`/customers/${zoe.customer.id}/erase`).set(t.as('service')), 403);
    const unknown = await expectOk(t.http.post(`/customers/${uniqueId('nobody')}/erase`).set(t.as('admin')), 404);
    expect(unknown.body.code).toBe('customer_not_found');

    const first = await expectOk(t.http.post(`/customers/${zoe.customer.id}/erase`).set(t.as('admin')));
    expect(first.body).toEqual({ customerId: zoe.customer.id, erasedAt: expect.any(String), position: expect.any(String) });
    const again = await expectOk(t.http.post(`/customers/${zoe.customer.id}/erase`).set(t.as('admin')));
    expect(again.body).toEqual(first.body);
    const recorded: string[] = [];
    for await (const e of t.app.get<EventStore>(RAW_EVENT_STORE).readStream(customerStream(zoe.customer.id))) recorded.push(e.type);
    expect(recorded).toEqual(['CustomerDataErased']);
    lastWrite.set(orderId, first.body.position);
    lastWrite.set(secondOrderId, first.body.position);
  });

  it('then shows "[erased]" for every personal field in the events, state-at and read model; amounts and statuses intact', async () => {
    const [placed] = await dataOf(orderId, 'OrderPlaced');
    expect(placed.customer).toEqual({ id: zoe.customer.id, email: ERASED, name: ERASED, registered: true });
    expect(placed.shippingAddress).toEqual({ name: ERASED, line1: ERASED, line2: ERASED, city: ERASED, postalCode: ERASED, region: ERASED, country: ERASED });
    expect(placed).toMatchObject({ total: DEFAULT_TOTAL, goodsTotal: DEFAULT_TOTAL - 650, currency: 'EUR', lines: [expect.objectContaining({ sku: 'KB-01', unitPrice: 4999 }), expect.anything()] });
    expect((await dataOf(orderId, 'ReturnRequested'))[0]).toMatchObject({ note: ERASED, reason: 'defective', lines: [{ lineId: '1', quantity: 1 }] });
    expect((await dataOf(orderId, 'ReturnReceived'))[0]).toMatchObject({ note: ERASED, inspection: 'passed' });
    expect((await dataOf(orderId, 'ComplaintOpened'))[0]).toMatchObject({ message: ERASED, category: 'delivery' });
    expect((await dataOf(orderId, 'ComplaintResponded'))[0].message).toBe(ERASED);
    expect((await dataOf(orderId, 'PaymentConfirmed'))[0].amount).toBe(DEFAULT_TOTAL);

    const read = await view(orderId);
    expect(read.customer).toEqual({ id: zoe.customer.id, email: ERASED, name: ERASED, registered: true });
    expect(read).toMatchObject({ status: 'processing', total: DEFAULT_TOTAL, paid: DEFAULT_TOTAL, returns: [{ returnId: 'r-1', status: 'received' }] });
    expect((await view(secondOrderId)).customer.email).toBe(ERASED);
    const state = await expectOk(t.http.get(`/orders/${orderId}/state?revision=${read.revision}`).set(t.as('auditor')));
    expect(state.body).toEqual(read);
  });

  it('keeps every hash chain valid: verification reads the sealed form and needs no key', async () => {
    for (const id of [orderId, secondOrderId]) {
      const verified = await expectOk(t.http.get(`/orders/${id}/verify`).set(t.as('auditor')));
      expect(verified.body).toMatchObject({ valid: true });
    }
    const raw = t.app.get<EventStore>(RAW_EVENT_STORE);
    for (const stream of [orderStream(orderId), orderStream(secondOrderId), customerStream(zoe.customer.id)]) {
      expect(await verifyChain(raw.readStream(stream))).toMatchObject({ valid: true });
    }
  });

  it('keeps the order working: later commands fold on the erased data and answer as before', async () => {
    const refund = await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: 'rf-1', reason: 'return', returnId: 'r-1', destination: 'original' }));
    lastWrite.set(orderId, refund.body.position);
    const after = await view(orderId);
    expect(after.refunds).toEqual([expect.objectContaining({ refundId: 'rf-1', reason: 'return' })]);
    expect(after.customer.email).toBe(ERASED);
    expect((await dataOf(orderId, 'RefundIssued'))[0].goods).toBe(4999);
  });

  it('leaves no plaintext of the erased customer in any table of any schema, even after a rebuild, nor in any log line', async () => {
    expect(await findInAllTables(t.pool, needlesOf(zoe))).toEqual([]);
    const rebuilt = await expectOk(t.http.post('/admin/projections/order-status/rebuild').set(t.as('admin')));
    expect(rebuilt.body.name).toBe('order-status');
    expect((await view(orderId)).customer.name).toBe(ERASED);

    expect(await tableCount(t.pool)).toBeGreaterThan(10);
    expect(await findInAllTables(t.pool, needlesOf(zoe))).toEqual([]);
    // The search does find what is there: the other customer is in the read model as written.
    expect(await findInAllTables(t.pool, [other.customer.email])).toEqual(['order_status.orders: ' + other.customer.email]);

    const logs = [...mockLogLines, ...consoleLines].join('\n');
    // Both kinds of line were captured: request lines (pino-http, naming the route template) and Nest's logger.
    expect(logs).toContain('"route":"/customers/:customerId/erase"');
    expect(logs).toContain('Personal data: master key');
    for (const needle of [...needlesOf(zoe), ...needlesOf(other)]) expect(logs).not.toContain(needle);
  });

  it('leaves other customers untouched', async () => {
    expect((await view(otherOrderId)).customer).toEqual(other.customer);
    const [placed] = await dataOf(otherOrderId, 'OrderPlaced');
    expect(placed.shippingAddress).toEqual(other.shippingAddress);
    expect((await dataOf(otherOrderId, 'ComplaintOpened'))[0].message).toBe(other.complaint);
  });
});
