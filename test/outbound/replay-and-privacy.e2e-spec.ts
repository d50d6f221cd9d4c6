/**
 * Replay from a position, from a time and for one order, from anywhere in the permanent log;
 * personal data: in clear only for a `personalData` subscription, "[erased]" after an erasure,
 * never otherwise.
 */
import { startTestApp, uniqueId, expectOk, orderBody, ordersApi, type TestApp } from '@app/harness';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { eventsOf, outboundApi, placeAndPay } from './support/outbound-app';

describe('replay and personal data', () => {
  let t: TestApp;
  let api: ReturnType<typeof outboundApi>;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    api = outboundApi(t);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t?.close();
  });

  async function subscribed(extra: Record<string, unknown> = {}): Promise<{ id: string; r: Receiver }> {
    const r = await startReceiver();
    receivers.push(r);
    const id = uniqueId('sub');
    await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: r.url }, ...extra }), 201);
    return { id, r };
  }

  const ids = (r: Receiver, from = 0) => r.accepted.slice(from).map((x) => x.event.id);

  it('replays from a position (that event included), from a time, and one order, with the same ids', async () => {
    await api.resetClock();
    const early = uniqueId('o');
    await placeAndPay(t, early);
    await api.advance(3600_000);
    const late = uniqueId('o');
    await placeAndPay(t, late);
    const all = [...(await eventsOf(t, early)), ...(await eventsOf(t, late))].map((e) => e.event_id);
    const { id, r } = await subscribed({ startFrom: 'beginning' });
    await r.waitFor(() => all.every((e) => ids(r).includes(e)));
    const lateFirst = r.accepted.find((x) => x.event.subject === late)!;

    let seen = r.accepted.length;
    await expectOk(api.replay(id, { fromPosition: lateFirst.event.position }), 202);
    await r.waitFor(() => ids(r, seen).includes(all[all.length - 1]));
    expect(ids(r, seen).filter((e) => all.includes(e))).toEqual(all.slice(2));

    seen = r.accepted.length;
    await expectOk(api.replay(id, { fromTime: new Date(Date.parse('2030-01-01T00:00:00Z') + 1800_000).toISOString() }), 202);
    await r.waitFor(() => ids(r, seen).includes(all[all.length - 1]));
    expect(ids(r, seen).filter((e) => all.includes(e))).toEqual(all.slice(2));

    seen = r.accepted.length;
    await expectOk(api.replay(id, { orderId: early }), 202);
    await r.waitFor(() => ids(r, seen).length === 2);
    expect(ids(r, seen)).toEqual(all.slice(0, 2));
    await api.replay(id, { orderId: 'no-such-order' }).expect(404);
  });

  it('sends personal values only to a personalData subscription, "[erased]" after erasure, never otherwise', async () => {
    const customerId = uniqueId('c');
    const email = `${uniqueId('secret')}@example.com`;
    const withData = await subscribed({ personalData: true, eventTypes: ['OrderPlaced'] });
    const without = await subscribed({ eventTypes: ['OrderPlaced'] });
    const orderId = uniqueId('o');
    const body = orderBody({ orderId, customer: { id: customerId, email, name: 'Zoé Privée', registered: true } });
    await expectOk(ordersApi(t).place(body), 201);
    await withData.r.waitFor(() => withData.r.accepted.length === 1);
    await without.r.waitFor(() => without.r.accepted.length === 1);
    expect(withData.r.accepted[0].event.data).toMatchObject({ customer: { email, name: 'Zoé Privée' } });
    expect(without.r.accepted[0].event.data).toMatchObject({ customer: { id: customerId, email: '[withheld]', name: '[withheld]' } });

    await expectOk(t.http.post(`/customers/${customerId}/erase`).set(t.as('admin')).send({}));
    for (const s of [withData, without]) await expectOk(api.replay(s.id, { orderId }), 202);
    await withData.r.waitFor(() => withData.r.accepted.length === 2);
    await without.r.waitFor(() => without.r.accepted.length === 2);
    expect(withData.r.accepted[1].event.data).toMatchObject({ customer: { email: '[erased]', name: '[erased]' } });
    for (const received of without.r.received) {
      expect(received.body).not.toContain(email);
      expect(received.body).not.toContain('Zoé');
      expect(received.body).not.toContain('1 Main St');
    }
    await eventually(async () => (await api.get(without.id)).body.delivered === 2, 10_000, 'recorded');
  });
});
