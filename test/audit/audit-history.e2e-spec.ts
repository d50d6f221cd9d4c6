/**
 * GET /orders/{orderId}/events through HTTP: every event of the stream, JSON and NDJSON, answered
 * from the event store even when the read model has lost the order; errors and roles.
 */
import type { Response } from 'supertest';
import { expectOk, orderBody, ordersApi, startTestApp, type TestApp, type TestRole } from '@app/harness';
import { readModelAt } from './support/read-model';

interface EventRow {
  event_id: string;
  type: string;
  stream_revision: string;
  transaction_id: string;
  global_position: string;
  recorded_at: Date;
  data: unknown;
  metadata: Record<string, unknown>;
}

describe('GET /orders/{orderId}/events', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  let orderId: string;
  const placed = orderBody() as { customer: object; shippingAddress: object; lines: object[] };

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
    orderId = await api.delivered(placed);
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }));
  });
  afterAll(() => t?.close());

  const get = (path: string, role: TestRole = 'auditor', accept?: string) => {
    const request = t.http.get(path).set(t.as(role));
    return accept ? request.set('Accept', accept) : request;
  };

  async function storedRows(id: string): Promise<EventRow[]> {
    const { rows } = await t.pool.query<EventRow>(
      `SELECT event_id::text, type, stream_revision::text, transaction_id::text, global_position::text, recorded_at, data, metadata
       FROM events WHERE stream_id = $1 ORDER BY stream_revision`,
      [`order-${id}`],
    );
    return rows;
  }

  it('answers every event of the stream: id, type, revision, position, recordedAt and metadata as stored, data as readers see it', async () => {
    const { body, headers } = await expectOk(get(`/orders/${orderId}/events`));
    expect(headers['content-type']).toMatch(/^application\/json/);
    const rows = await storedRows(orderId);
    expect(rows.map((r) => r.type)).toEqual([
      'OrderPlaced', 'PaymentConfirmed', 'ShipmentDispatched', 'ItemDelivered', 'ItemDelivered', 'ComplaintOpened',
    ]);
    expect(body).toEqual({
      orderId,
      events: rows.map((row) => ({
        eventId: row.event_id,
        type: row.type,
        revision: Number(row.stream_revision),
        position: `${row.transaction_id.padStart(20, '0')}-${row.global_position.padStart(20, '0')}`,
        recordedAt: row.recorded_at.toISOString(),
        data: expect.any(Object),
        metadata: row.metadata,
      })),
    });
    expect(body.events[5].metadata).toMatchObject({ schemaVersion: 1, prevHash: body.events[4].metadata.hash });
    // Events without personal data are shown as stored; personal values decrypted (stored sealed, docs/privacy.md).
    expect(body.events.slice(1, 5).map((e: { data: unknown }) => e.data)).toEqual(rows.slice(1, 5).map((r) => r.data));
    expect(body.events[0].data).toMatchObject({ customer: placed.customer, shippingAddress: placed.shippingAddress, lines: placed.lines });
    expect(body.events[5].data).toEqual({ complaintId: 'cmp-1', category: 'delivery', message: 'late' });
    expect(JSON.stringify(rows[0].data)).not.toContain('ana@example.com');
  });

  it('streams the same events as NDJSON, one a line', async () => {
    const json = await expectOk(get(`/orders/${orderId}/events`));
    const streamed = await expectOk(get(`/orders/${orderId}/events`, 'auditor', 'application/x-ndjson').buffer(true).parse(text));
    expect(streamed.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (streamed.body as string).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(json.body.events);
  });

  it('reads the event store, not the read model: an order the read model lost still has its history', async () => {
    const { body: fresh } = await expectOk(api.place(), 201);
    await readModelAt(t, fresh.orderId, fresh.position);
    await t.pool.query('DELETE FROM order_status.orders WHERE order_id = $1', [fresh.orderId]);
    expect((await get(`/orders/${fresh.orderId}`, 'service')).status).toBe(404);
    const { body } = await expectOk(get(`/orders/${fresh.orderId}/events`));
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['OrderPlaced']);
  });

  it('answers 404 for an unknown order (JSON and NDJSON) and 400 for a malformed id', async () => {
    for (const accept of [undefined, 'application/x-ndjson']) {
      const response = await get('/orders/no-such-order/events', 'auditor', accept);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({ code: 'order_not_found' });
    }
    expect((await get('/orders/bad$id/events')).status).toBe(400);
  });

  it('lets auditor, service and admin read it; finance is 403, no token 401', async () => {
    for (const role of ['auditor', 'service', 'admin'] as const) expect((await get(`/orders/${orderId}/events`, role)).status).toBe(200);
    expect((await get(`/orders/${orderId}/events`, 'finance')).status).toBe(403);
    expect((await t.http.get(`/orders/${orderId}/events`)).status).toBe(401);
  });
});

/** supertest parser that keeps the body as text (NDJSON is not JSON). */
function text(res: Response, done: (error: Error | null, body: string) => void): void {
  let body = '';
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
}
