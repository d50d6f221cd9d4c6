/**
 * Webhooks end to end: the real app (API and delivery in one process), real receivers on
 * 127.0.0.1. The signature is checked by an independent Standard Webhooks verifier; each kind
 * of failing receiver is handled as docs/outbound.md says, the retry schedule walked with the
 * test clock.
 */
import { startTestApp, uniqueId, expectOk, type TestApp } from '@app/harness';
import { RETRY_DELAYS_MS } from '@app/projections/outbound';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { verifyStandardWebhook } from './support/standard-webhooks';
import { eventsOf, outboundApi, placeAndPay } from './support/outbound-app';

describe('webhook delivery', () => {
  let t: TestApp;
  let api: ReturnType<typeof outboundApi>;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_TIMEOUT_MS: '500' });
    api = outboundApi(t);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t?.close();
  });

  async function subscribe(receiver: Receiver, extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const id = uniqueId('sub');
    const created = await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url }, ...extra }), 201);
    return { id, secret: created.body.secret };
  }

  async function receiver(): Promise<Receiver> {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  it('sends each event as a signed CloudEvent, in revision order, with the event id as webhook-id', async () => {
    const r = await receiver();
    const { id, secret } = await subscribe(r);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const orderId = uniqueId('o');
    await placeAndPay(t, orderId);
    const stored = await eventsOf(t, orderId);
    await r.waitFor(() => r.accepted.length === stored.length);
    expect(r.accepted.map((x) => x.event.id)).toEqual(stored.map((e) => e.event_id));
    for (const [i, { headers, body, event }] of r.accepted.entries()) {
      expect(verifyStandardWebhook(secret, headers, body)).toBe(true);
      expect(verifyStandardWebhook(secret, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }, body)).toBe(false);
      expect(verifyStandardWebhook(secret, headers, body.replace('"data"', '"data" '))).toBe(false);
      expect(headers['webhook-id']).toBe(event.id);
      expect(headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(event).toMatchObject({
        specversion: '1.0', source: '/order-management', type: stored[i].type, subject: orderId, datacontenttype: 'application/json', sequence: String(i),
      });
      expect(typeof event.position).toBe('string');
      expect(Date.parse(event.time)).not.toBeNaN();
    }
    // Personal values are withheld without personalData.
    expect(r.accepted[0].event.data).toMatchObject({ customer: { email: '[withheld]', name: '[withheld]' } });
    await eventually(async () => (await api.get(id)).body.delivered === stored.length, 10_000, 'deliveries recorded');
    const view = await expectOk(api.get(id));
    expect(view.body).toMatchObject({ state: 'active', delivered: stored.length, failed: 0, dead: 0, lag: { events: 0, seconds: 0 } });
    expect(view.body.lastDelivery).toMatchObject({ state: 'delivered', statusCode: 204 });
    expect(view.body).not.toHaveProperty('secret');
  });

  it('retries a 500 on the schedule (walked with the test clock) until it is taken, with the same id', async () => {
    await api.resetClock();
    const r = await receiver();
    r.answer((_, i) => (i < 3 ? { status: 500, body: 'x'.repeat(3000) } : { status: 200 }));
    const { id } = await subscribe(r, { eventTypes: ['OrderPlaced'] });
    const orderId = uniqueId('o');
    await placeAndPay(t, orderId);
    await r.waitFor(() => r.received.length === 1);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await eventually(async () => (await api.deliveries(id)).body.items.length === attempt, 10_000, `attempt ${attempt} recorded`);
      // Not before its time: nothing more arrives until the clock passes the delay (the first,
      // 5 s, may pass in real time on a loaded machine).
      if (attempt > 1) expect(r.received).toHaveLength(attempt);
      await api.advance(RETRY_DELAYS_MS[attempt - 1] * 1.1 + 1000);
      await r.waitFor(() => r.received.length === attempt + 1);
    }
    await r.waitFor(() => r.accepted.length === 1);
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1);
    // The receiver has answered; the attempt's record commits just after.
    await eventually(async () => (await api.deliveries(id)).body.items.length === 4, 10_000, 'delivery recorded');
    const { items } = (await expectOk(api.deliveries(id))).body;
    expect(items.map((d: { state: string; statusCode: number; attempt: number }) => [d.attempt, d.state, d.statusCode])).toEqual([
      [4, 'delivered', 200], [3, 'retry', 500], [2, 'retry', 500], [1, 'retry', 500],
    ]);
    expect(Buffer.byteLength(items[1].response)).toBe(1024);
  });

  it('retries a timeout, honours Retry-After on a 429', async () => {
    await api.resetClock();
    const r = await receiver();
    r.answer((_, i) => (i === 0 ? { status: 0, hang: true } : i === 1 ? { status: 429, headers: { 'retry-after': '3600' } } : { status: 200 }));
    const { id } = await subscribe(r, { eventTypes: ['OrderPlaced'] });
    await placeAndPay(t, uniqueId('o'));
    await eventually(async () => (await api.deliveries(id)).body.items.length === 1, 10_000, 'timeout recorded');
    expect((await api.deliveries(id)).body.items[0]).toMatchObject({ state: 'retry', statusCode: null, error: 'timed out after 500 ms' });
    await api.advance(6000);
    await eventually(async () => (await api.deliveries(id)).body.items.length === 2, 10_000, '429 recorded');
    await api.advance(30 * 60_000); // the schedule's 5 min has passed, Retry-After's hour has not
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(r.received).toHaveLength(2);
    await api.advance(31 * 60_000);
    await r.waitFor(() => r.accepted.length === 1);
  });

  it('makes a 400 a dead letter at once, holds that order, lets other orders through, and delivers all in order on resume', async () => {
    await api.resetClock();
    const r = await receiver();
    const blocked = uniqueId('blocked');
    let refuse = true;
    r.answer((req) => (refuse && req.event.subject === blocked ? { status: 400, body: 'bad' } : { status: 200 }));
    const { id } = await subscribe(r);
    await placeAndPay(t, blocked);
    const other = uniqueId('o');
    await placeAndPay(t, other);
    const otherEvents = await eventsOf(t, other);
    await r.waitFor(() => r.accepted.filter((x) => x.event.subject === other).length === otherEvents.length);
    await eventually(async () => (await api.get(id)).body.state === 'failing', 10_000, 'failing');
    // The order's first event is dead after one attempt; its later events wait behind it.
    expect(r.received.filter((x) => x.event.subject === blocked).map((x) => x.event.sequence)).toEqual(['0']);
    const dead = (await expectOk(api.deliveries(id, '?state=dead'))).body.items;
    expect(dead).toEqual([expect.objectContaining({ orderId: blocked, attempt: 1, statusCode: 400, response: 'bad' })]);
    const health = await t.http.get('/health').set(t.as('admin')).expect(200);
    expect(health.body.subscriptions.failing).toContain(id);
    refuse = false;
    expect((await expectOk(api.action(id, 'resume'))).body.state).toBe('active');
    const blockedEvents = await eventsOf(t, blocked);
    await r.waitFor(() => r.accepted.filter((x) => x.event.subject === blocked).length === blockedEvents.length);
    expect(r.accepted.filter((x) => x.event.subject === blocked).map((x) => x.event.id)).toEqual(blockedEvents.map((e) => e.event_id));
  });

  it('does not follow a redirect: a 3xx is refused for good', async () => {
    const r = await receiver();
    const elsewhere = await receiver();
    r.answer(() => ({ status: 307, headers: { location: elsewhere.url } }));
    const { id } = await subscribe(r, { eventTypes: ['OrderPlaced'] });
    await placeAndPay(t, uniqueId('o'));
    await eventually(async () => (await api.get(id)).body.state === 'failing', 10_000, 'failing');
    expect((await expectOk(api.deliveries(id))).body.items).toEqual([expect.objectContaining({ state: 'dead', statusCode: 307, attempt: 1 })]);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('pauses the subscription on 410 Gone and keeps the event for later', async () => {
    await api.resetClock();
    const r = await receiver();
    let gone = true;
    r.answer(() => (gone ? { status: 410 } : { status: 200 }));
    const { id } = await subscribe(r, { eventTypes: ['OrderPlaced'] });
    await placeAndPay(t, uniqueId('o'));
    await eventually(async () => (await api.get(id)).body.state === 'paused', 10_000, 'paused');
    expect(r.received).toHaveLength(1);
    gone = false;
    await expectOk(api.action(id, 'resume'));
    await r.waitFor(() => r.accepted.length === 1);
    expect(r.accepted[0].event.id).toBe(r.received[0].event.id);
  });

  it('makes an event a dead letter after the whole schedule (over three days), never deleting the subscription', async () => {
    await api.resetClock();
    const r = await receiver();
    r.answer(() => ({ status: 503 }));
    const { id } = await subscribe(r, { eventTypes: ['OrderPlaced'] });
    await placeAndPay(t, uniqueId('o'));
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * 24 * 3600_000);
    expect(RETRY_DELAYS_MS[0]).toBeLessThanOrEqual(10_000);
    for (let attempt = 1; attempt <= RETRY_DELAYS_MS.length; attempt += 1) {
      await eventually(async () => (await api.deliveries(id)).body.items.length === attempt, 10_000, `attempt ${attempt}`);
      await api.advance(RETRY_DELAYS_MS[attempt - 1] * 1.1 + 1000);
    }
    await eventually(async () => (await api.get(id)).body.state === 'failing', 10_000, 'failing');
    const { items } = (await expectOk(api.deliveries(id))).body;
    expect(items).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(items[0]).toMatchObject({ state: 'dead', attempt: RETRY_DELAYS_MS.length + 1, statusCode: 503 });
    await api.advance(7 * 24 * 3600_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect((await expectOk(api.get(id))).body).toMatchObject({ state: 'failing', dead: 1 });
    // Visible in metrics; the subscription is never deleted.
    const metrics = (await t.http.get('/metrics').set(t.as('admin')).expect(200)).text;
    expect(metrics).toContain(`om_outbound_dead_letters{subscription="${id}"} 1`);
    expect(metrics).toContain(`om_outbound_failed_attempts{subscription="${id}"} ${RETRY_DELAYS_MS.length + 1}`);
    expect(metrics).toContain(`om_outbound_lag_events{subscription="${id}"} 1`);
    expect(metrics).toMatch(/om_outbound_delivered_events\{subscription="sub-[^"]+"\} [1-9]/);
    expect(metrics).not.toContain(r.url);
  });
});
