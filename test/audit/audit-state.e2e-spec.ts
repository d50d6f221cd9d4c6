/**
 * GET /orders/{orderId}/state: a long lifecycle driven through HTTP, the read model recorded after
 * every command (?minPosition=), then the replay at every revision and at a few times must equal
 * what the read model answered then. Errors and roles.
 */
import type { OrderView } from '@app/ordering';
import { expectOk, orderBody, ordersApi, startTestApp, type TestApp, type TestRole } from '@app/harness';
import { readModelAt } from './support/read-model';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const STEP_MS = 10 * 60_000;

/** A long story on the default two-line order (line 1: 2 keyboards, line 2: 1 mouse). */
const LIFECYCLE: Array<[string, Record<string, unknown>]> = [
  ['payment/confirm', { transactionId: 'tx-1', amount: 2 * 4999 + 2500 + 500 + 150 }],
  ['shipments', { shipmentId: 's-1', lineIds: ['1'], carrier: 'UPS', trackingNumber: 'T1' }],
  ['shipments', { shipmentId: 's-2', lineIds: ['2'], carrier: 'UPS', trackingNumber: 'T2' }],
  ['lines/1/delivered', {}],
  ['lines/2/delivered', {}],
  ['receipt', { lineIds: ['2'] }],
  ['complaints', { complaintId: 'cmp-1', category: 'delivery', message: 'late' }],
  ['complaints/cmp-1/respond', { message: 'sorry' }],
  ['returns', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' }],
  ['returns/r-1/approve', {}],
  ['returns/r-1/dispatch', { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 690 }],
  ['returns/r-1/receive', { inspection: 'passed' }],
  ['refunds', { refundId: 'rf-1', reason: 'return', returnId: 'r-1', destination: 'original' }],
  ['complaints/cmp-1/resolve', { resolution: 'voucher sent' }],
  ['returns', { returnId: 'r-2', lines: [{ lineId: '1', quantity: 1 }], reason: 'wrong_item', resolution: 'exchange' }],
  ['returns/r-2/approve', {}],
  ['returns/r-2/dispatch', { carrier: 'UPS', trackingNumber: 'B2', shippingCost: 0 }],
  ['returns/r-2/receive', { inspection: 'passed' }],
  ['replacements', { shipmentId: 'x-1', lineIds: ['1'], carrier: 'DHL', trackingNumber: 'X1', returnId: 'r-2' }],
  ['refunds', { refundId: 'rf-2', reason: 'goodwill', destination: 'wallet', amount: 100 }],
  ['complaints', { complaintId: 'cmp-2', category: 'service', message: 'slow' }],
  ['complaints/cmp-2/respond', { message: 'noted' }],
  ['complaints/cmp-2/resolve', { resolution: 'apology' }],
];

describe('GET /orders/{orderId}/state', () => {
  let t: TestApp;
  let orderId: string;
  /** The read model's answer right after each command, by the revision it reached. */
  const seen = new Map<number, OrderView>();
  /** Business time of each event (metadata.occurredAt: the test clock, which keeps flowing once set), by revision. */
  const at = new Map<number, number>();
  let head = -1;

  const get = (path: string, role: TestRole = 'auditor') => t.http.get(path).set(t.as(role));
  const state = (query: string, role: TestRole = 'auditor') => get(`/orders/${orderId}/state?${query}`, role);
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    const api = ordersApi(t);
    const body = orderBody();
    orderId = String(body.orderId);
    const commands: Array<[string, Record<string, unknown>]> = [['/orders', body], ...LIFECYCLE.map(([p, b]): [string, Record<string, unknown>] => [`/orders/${orderId}/${p}`, b])];
    for (const [step, [path, command]] of commands.entries()) {
      const now = T0 + step * STEP_MS;
      await expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now: iso(now) }));
      const { body: written } = await expectOk(api.post(path, command), step === 0 ? 201 : 200);
      const view = await readModelAt(t, orderId, written.position);
      expect(view.revision).toBe(written.revision);
      seen.set(written.revision, view);
      head = written.revision;
    }
    const { body: history } = await expectOk(get(`/orders/${orderId}/events`));
    for (const e of history.events) at.set(e.revision, Date.parse(e.metadata.occurredAt));
  }, 120_000);
  afterAll(() => t?.close());

  it('drove a long lifecycle, one event per command', () => {
    expect(head).toBe(LIFECYCLE.length);
    expect([...seen.keys()]).toEqual(Array.from({ length: head + 1 }, (_, n) => n));
    expect(seen.get(head)?.refunds).toHaveLength(2);
  });

  it('replays every revision to exactly what the read model answered at that revision', async () => {
    for (let n = 0; n <= head; n += 1) {
      const { body } = await expectOk(state(`revision=${n}`));
      expect({ n, body }).toEqual({ n, body: seen.get(n) });
      // Same keys in the same order as GET /orders/{orderId}: the very same shape.
      expect(JSON.stringify(body)).toBe(JSON.stringify(seen.get(n)));
    }
  });

  it('replays by business time: an event at exactly `at` is in, the next one is not', async () => {
    for (const n of [0, 1, 7, 13, head]) {
      const time = at.get(n) as number;
      expect((await expectOk(state(`at=${iso(time)}`))).body).toEqual(seen.get(n));
      expect((await expectOk(state(`at=${iso(time + STEP_MS / 2)}`))).body).toEqual(seen.get(n));
      if (n > 0) expect((await expectOk(state(`at=${iso(time - 1)}`))).body).toEqual(seen.get(n - 1));
    }
    // A zone other than Z names the same instant: 09:15Z, between revision 1 (09:10Z) and 2 (09:20Z).
    expect((await expectOk(state(`at=${encodeURIComponent('2026-03-02T11:15:00+02:00')}`))).body).toEqual(seen.get(1));
    expect((await expectOk(state('at=2099-01-01T00:00:00Z'))).body).toEqual(seen.get(head));
  });

  it('answers 404 for a time before placement and for an unknown order', async () => {
    const before = await state(`at=${iso((at.get(0) as number) - 1)}`);
    expect(before.status).toBe(404);
    expect(before.body).toMatchObject({ code: 'order_not_found' });
    for (const query of ['revision=0', 'at=2099-01-01T00:00:00Z']) {
      const unknown = await get(`/orders/no-such-order/state?${query}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'order_not_found' });
    }
  });

  it('answers 400 for a revision beyond the head, both or neither of at and revision, and bad values', async () => {
    const beyond = await state(`revision=${head + 1}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'revision', message: `must be at most ${head}` }] });
    for (const query of [
      '', `revision=1&at=${iso(T0)}`, 'revision=-1', 'revision=abc', 'revision=1.5', 'revision=', 'revision=1&revision=2',
      'at=yesterday', 'at=2026-13-01T00:00:00Z', 'at=2026-03-02T09:00:00', 'at=2026-03-02', 'at=', 'asOf=2026-03-02T09:00:00Z',
    ]) {
      const response = await state(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
    }
  });

  it('is for auditors (and admin) only', async () => {
    expect((await state('revision=0', 'admin')).status).toBe(200);
    expect((await state('revision=0', 'service')).status).toBe(403);
    expect((await state('revision=0', 'finance')).status).toBe(403);
    expect((await t.http.get(`/orders/${orderId}/state?revision=0`)).status).toBe(401);
  });
});
