import { startTestApp } from '@app/harness';
/**
 * Acceptance through HTTP with the test clock (TEST_CLOCK=1): time travels with POST /admin/clock,
 * the scheduler runs with POST /admin/sla/tick, and GET /sla/timers shows what the timers became.
 */
import { UTC_CALENDAR } from '@app/ordering';
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, type TestApp } from '@app/harness';

interface TimerItem {
  timerId: string;
  orderId: string;
  kind: string;
  subjectId: string;
  startedAt: string;
  dueAt: string;
  stoppedAt?: string;
  state: string;
}

describe('SLA timers over HTTP, with the test clock', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;

  const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
  const tick = async (): Promise<{ acted: number; refused: number }> => (await expectOk(t.http.post('/admin/sla/tick').set(t.as('admin')).send({}))).body;
  const timers = async (query: Record<string, string | number>): Promise<TimerItem[]> =>
    (await expectOk(t.http.get('/sla/timers').query(query).set(t.as('service')))).body.items;
  const history = async (orderId: string): Promise<Array<{ type: string; data: Record<string, unknown>; metadata: Record<string, unknown>; position: string }>> =>
    (await expectOk(t.http.get(`/orders/${orderId}/events`).set(t.as('auditor')))).body.events;
  /** The position of the order's last event: reads with it as minPosition see everything so far. */
  const head = async (orderId: string) => (await history(orderId)).at(-1)?.position as string;

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
  });
  afterAll(() => t.close());

  it('cancels an unpaid order 24 hours after it was placed', async () => {
    await travel('2026-03-02T09:00:00Z');
    const body = orderBody();
    const orderId = String(body.orderId);
    const placed = await expectOk(api.place(body), 201);
    const [payment] = await timers({ orderId, minPosition: placed.body.position });
    expect(payment).toMatchObject({ kind: 'payment', subjectId: orderId, state: 'running' });
    expect(Date.parse(payment.dueAt) - Date.parse(payment.startedAt)).toBe(24 * 3_600_000);

    await travel('2026-03-03T08:59:00Z');
    await tick();
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderPlaced']);

    await travel('2026-03-03T09:00:30Z');
    expect((await tick()).acted).toBeGreaterThanOrEqual(1);
    const events = await history(orderId);
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderCancelled']);
    expect(events[1].data).toEqual({ reason: 'payment_timeout', by: 'system' });
    expect(events[1].metadata).toMatchObject({ actor: { type: 'system', name: 'sla-scheduler' } });

    const [after] = await timers({ orderId, kind: 'payment', minPosition: events[1].position });
    expect(after).toMatchObject({ state: 'late', stoppedAt: expect.any(String) });
    expect(Date.parse(after.stoppedAt as string)).toBeGreaterThan(Date.parse(after.dueAt));
    await tick();
    expect(await history(orderId)).toHaveLength(2); // never twice
  });

  it('a refund due after a delivery failure is overdue after 3 business days, across the weekend', async () => {
    await travel('2026-03-06T10:00:00Z'); // Friday
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(orderId, DEFAULT_TOTAL));
    await expectOk(api.ship(orderId, ['1', '2']));
    const failed = await expectOk(api.post(`/orders/${orderId}/lines/2/delivery-failed`, { reason: 'lost' }));
    const [refund] = await timers({ orderId, kind: 'refund', minPosition: failed.body.position });
    expect(refund).toMatchObject({ subjectId: 'delivery_failed:2', state: 'running' });
    // Friday + 3 business days: Monday, Tuesday, Wednesday, same time of day.
    expect(refund.dueAt).toBe(UTC_CALENDAR.addBusinessDays(new Date(refund.startedAt), 3).toISOString());
    expect(refund.dueAt).toMatch(/^2026-03-11T10:/);

    await travel('2026-03-10T10:00:00Z'); // three calendar days later: not yet
    expect(await timers({ orderId, kind: 'refund', state: 'overdue' })).toEqual([]);
    expect(await timers({ orderId, kind: 'refund', state: 'running' })).toHaveLength(1);

    await travel('2026-03-11T10:00:30Z');
    const [overdue] = await timers({ orderId, kind: 'refund', state: 'overdue' });
    expect(overdue).toMatchObject({ timerId: refund.timerId, state: 'overdue' });
    expect(overdue).not.toHaveProperty('stoppedAt');
    await tick(); // a refund timer only turns overdue: nothing is issued by the system
    expect((await history(orderId)).map((e) => e.type)).not.toContain('RefundIssued');
  });

  it('confirms receipt of a delivered line 7 days after its delivery', async () => {
    await travel('2026-04-06T09:00:00Z');
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.pay(orderId, DEFAULT_TOTAL));
    await expectOk(api.ship(orderId, ['1', '2']));
    const delivered = await expectOk(api.deliver(orderId, '1'));
    const receipts = await timers({ orderId, kind: 'receipt', minPosition: delivered.body.position });
    expect(receipts).toEqual([expect.objectContaining({ subjectId: '1', state: 'running' })]);
    expect(Date.parse(receipts[0].dueAt) - Date.parse(receipts[0].startedAt)).toBe(7 * 86_400_000);

    await travel('2026-04-13T08:59:00Z');
    await tick();
    expect((await history(orderId)).map((e) => e.type)).not.toContain('ReceiptConfirmed');

    await travel('2026-04-13T09:00:30Z');
    expect((await tick()).acted).toBeGreaterThanOrEqual(1);
    const events = await history(orderId);
    expect(events.filter((e) => e.type === 'ReceiptConfirmed').map((e) => e.data)).toEqual([{ lineIds: ['1'], by: 'system' }]);
    const all = await timers({ orderId, minPosition: events.at(-1)?.position as string });
    expect(all.map((i) => [i.kind, i.subjectId, i.state]).sort()).toEqual([
      ['delivery', expect.any(String), 'running'], // line 2 still in transit: due after 15 days
      ['payment', orderId, 'met'],
      ['receipt', '1', 'late'],
      ['shipment', orderId, 'met'],
    ].sort());
  });

  describe('GET /sla/timers', () => {
    it('pages with a cursor, most urgent first, and every item appears once', async () => {
      await travel('2026-05-04T09:00:00Z');
      const body = orderBody();
      const orderId = String(body.orderId);
      await expectOk(api.place(body), 201);
      await expectOk(api.pay(orderId, DEFAULT_TOTAL));
      await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'c-1', category: 'delivery', message: 'where?' }));
      const last = await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'c-2', category: 'billing', message: 'twice?' }));
      const whole = await timers({ orderId, limit: 500, minPosition: last.body.position });
      expect(whole.map((i) => i.kind).sort()).toEqual(['complaint_response', 'complaint_response', 'payment', 'shipment']);
      const paged: TimerItem[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: TimerItem[]; nextCursor: string | null } } = await expectOk(
          t.http.get('/sla/timers').query({ orderId, limit: 1, ...(cursor ? { cursor } : {}) }).set(t.as('finance')));
        paged.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(whole);
      // Open timers (running, overdue) first by due time, then stopped ones (the paid payment's, met).
      expect(whole.map((i) => i.stoppedAt !== undefined)).toEqual([false, false, false, true]);
      expect(whole.at(-1)).toMatchObject({ kind: 'payment', state: 'met' });
      const open = whole.slice(0, 3).map((i) => i.dueAt);
      expect(open).toEqual([...open].sort());
    });

    it('answers every reading role, and 401 without a token', async () => {
      for (const role of ['service', 'finance', 'auditor', 'admin'] as const) {
        await expectOk(t.http.get('/sla/timers').set(t.as(role)));
      }
      await t.http.get('/sla/timers').expect(401);
    });

    it.each([
      ['state=bogus', 'state'], ['kind=nope', 'kind'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'],
      ['orderId=bad%20id!', 'orderId'], ['cursor=bm90LWEtY3Vyc29y', 'cursor'], ['sort=due', 'sort'],
      // Cursors that passed Date.parse and failed in PostgreSQL (500).
      ...[['1', 'x'], ['2020-02-30', 'x'], ['open', '1', 'x'], ['open', '2020-02-30', 'x'], ['open', '2020-02-30T10:00:00Z', 'x'], ['open', '2026-01-01T00:00:00Z', 'x\u0000']]
        .map((parts) => [`cursor=${Buffer.from(JSON.stringify(parts)).toString('base64url')}`, 'cursor']),
    ])('refuses %s with 400 validation_failed naming %s', async (query, field) => {
      const res = await t.http.get(`/sla/timers?${query}`).set(t.as('service')).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});
