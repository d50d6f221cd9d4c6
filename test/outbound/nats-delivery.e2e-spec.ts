/**
 * The broker sink against the NATS server of the machine (JetStream at 127.0.0.1:4222): each
 * event published once to `<subject>.<eventType>` with Nats-Msg-Id = the event id, so a replay
 * (a duplicate) is dropped by the stream; the stream holds every event once, in per-order order.
 * The suite makes its own stream (unique name and subjects) and deletes it.
 */
import { connect, type NatsConnection } from 'nats';
import { randomBytes } from 'node:crypto';
import { startTestApp, uniqueId, expectOk, type TestApp } from '@app/harness';
import { eventually } from './support/receiver';
import { eventsOf, outboundApi, placeAndPay } from './support/outbound-app';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

describe('NATS JetStream delivery', () => {
  let t: TestApp;
  let api: ReturnType<typeof outboundApi>;
  let nc: NatsConnection;
  const stream = `om_test_${randomBytes(4).toString('hex')}`;
  const subject = `omtest.${stream}`;

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    await (await nc.jetstreamManager()).streams.add({ name: stream, subjects: [`${subject}.>`], duplicate_window: 3600 * 1e9 });
    t = await startTestApp({ NATS_URL });
    api = outboundApi(t);
  });
  afterAll(async () => {
    await t?.close();
    if (nc) {
      await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
      await nc.drain();
    }
  });

  async function storedMessages(): Promise<Array<{ subject: string; msgId: string; event: { id: string; subject: string; sequence: string; position: string } }>> {
    const jsm = await nc.jetstreamManager();
    const { state } = await jsm.streams.info(stream);
    const messages = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
      const m = await jsm.streams.getMessage(stream, { seq });
      messages.push({ subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), event: m.json<{ id: string; subject: string; sequence: string; position: string }>() });
    }
    return messages;
  }

  it('publishes every event once, per order in revision order, and a replay adds no duplicate', async () => {
    const id = uniqueId('nats');
    await expectOk(api.create({ subscriptionId: id, sink: { type: 'nats', subject } }), 201);
    const orders = Array.from({ length: 5 }, () => uniqueId('o'));
    await Promise.all(orders.map((orderId) => placeAndPay(t, orderId)));
    const expected = (await Promise.all(orders.map((o) => eventsOf(t, o)))).flat();
    await eventually(async () => (await storedMessages()).length === expected.length, 20_000, 'all published');
    const first = await storedMessages();
    expect(first.map((m) => m.msgId).sort()).toEqual(expected.map((e) => e.event_id).sort());
    for (const m of first) expect(m.subject).toBe(`${subject}.${expected.find((e) => e.event_id === m.msgId)!.type}`);
    for (const orderId of orders) {
      expect(first.filter((m) => m.event.subject === orderId).map((m) => m.event.id)).toEqual((await eventsOf(t, orderId)).map((e) => e.event_id));
    }
    // Deliver everything again: the stream recognises each id and keeps one copy.
    const replayFrom = first[0];
    await expectOk(api.replay(id, { fromPosition: replayFrom.event.position }), 202);
    await eventually(async () => {
      const { items } = (await expectOk(api.deliveries(id, '?limit=200'))).body;
      return items.filter((d: { eventId: string }) => d.eventId === replayFrom.msgId).length === 2;
    }, 20_000, 'replayed');
    await eventually(async () => (await api.get(id)).body.lag.events === 0, 20_000, 'replay done');
    expect((await storedMessages()).map((m) => m.msgId)).toEqual(first.map((m) => m.msgId));
    const { items } = (await expectOk(api.deliveries(id, '?limit=200'))).body;
    expect(items.some((d: { response: string }) => /duplicate/.test(d.response))).toBe(true);
  });

  it('retries while the stream is missing, and delivers once it exists', async () => {
    const id = uniqueId('nats');
    const missing = `omtest.${stream}_later`;
    await expectOk(api.create({ subscriptionId: id, sink: { type: 'nats', subject: missing }, eventTypes: ['OrderPlaced'] }), 201);
    await api.resetClock();
    await placeAndPay(t, uniqueId('o'));
    await eventually(async () => (await api.deliveries(id)).body.items.length === 1, 15_000, 'first attempt');
    expect((await api.deliveries(id)).body.items[0]).toMatchObject({ state: 'retry' });
    const jsm = await nc.jetstreamManager();
    const later = `${stream}_later`;
    await jsm.streams.add({ name: later, subjects: [`${missing}.>`] });
    try {
      await api.advance(10_000);
      await eventually(async () => (await jsm.streams.info(later)).state.messages === 1, 15_000, 'delivered after the stream appeared');
    } finally {
      await jsm.streams.delete(later);
    }
  });
});
