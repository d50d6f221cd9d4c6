/**
 * The subscriptions API: admin only, problem+json 400 with one message per field ("required"
 * when missing) that changes nothing, the secret shown once, rotation signing with both secrets,
 * URL rules (http(s), WEBHOOK_ALLOWED_HOSTS), nats refused without NATS_URL.
 */
import { startTestApp, uniqueId, expectOk, type TestApp } from '@app/harness';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { verifyStandardWebhook } from './support/standard-webhooks';
import { outboundApi, placeAndPay } from './support/outbound-app';

describe('the subscriptions API', () => {
  let t: TestApp;
  let api: ReturnType<typeof outboundApi>;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,*.example.com' });
    api = outboundApi(t);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  const count = async () => Number((await t.pool.query('SELECT count(*) FROM outbound.subscriptions')).rows[0].count);

  it('refuses bad bodies with one message per field, "required" when missing, and stores nothing', async () => {
    const before = await count();
    const missing = await api.create({}).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors).toEqual([
      { field: 'subscriptionId', message: 'subscriptionId is required' },
      { field: 'sink', message: 'sink is required' },
    ]);
    const wrong = await api.create({
      subscriptionId: 'bad id', sink: { type: 'webhook' }, eventTypes: ['OrderTeleported'], personalData: 'yes', startFrom: 'yesterday',
    }).expect(400);
    const fields = wrong.body.errors.map((e: { field: string }) => e.field);
    expect(fields.sort()).toEqual(['eventTypes', 'personalData', 'sink.url', 'startFrom', 'subscriptionId']);
    expect(new Set(fields).size).toBe(fields.length);
    expect(wrong.body.errors).toContainEqual({ field: 'sink.url', message: 'url is required' });
    expect((await api.create({ subscriptionId: 'x', sink: { type: 'smtp' } }).expect(400)).body.errors).toEqual([{ field: 'sink.type', message: 'type must be one of webhook, nats' }]);
    expect((await api.create({ subscriptionId: 'x', sink: { type: 'webhook', url: 'ftp://127.0.0.1/x' } }).expect(400)).body.errors).toEqual([
      { field: 'sink.url', message: 'sink.url must be an absolute http(s) URL' },
    ]);
    expect((await api.create({ subscriptionId: 'x', sink: { type: 'webhook', url: 'https://evil.test/x' } }).expect(400)).body.errors[0].message).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect((await api.create({ subscriptionId: 'x', sink: { type: 'webhook', url: receiver.url }, startFrom: { position: 'nope' } }).expect(400)).body.errors).toEqual([
      { field: 'startFrom.position', message: 'startFrom.position is not a position of this store' },
    ]);
    expect((await api.create({ subscriptionId: 'x', sink: { type: 'nats', subject: 'orders' } }).expect(422)).body.code).toBe('nats_not_configured');
    await t.http.post('/subscriptions').set(t.as('service')).send({ subscriptionId: 'x', sink: { type: 'webhook', url: receiver.url } }).expect(403);
    expect(await count()).toBe(before);
  });

  it('creates, lists, shows, pauses, resumes and deletes; the secret appears only at creation', async () => {
    const id = uniqueId('sub');
    const created = await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url }, eventTypes: ['PaymentConfirmed'] }), 201);
    expect(created.body).toMatchObject({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url }, eventTypes: ['PaymentConfirmed'], personalData: false, state: 'active' });
    expect(created.body.secret).toMatch(/^whsec_/);
    await api.create({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url } }).expect(409);
    const shown = JSON.stringify([(await expectOk(api.get(id))).body, (await expectOk(t.http.get('/subscriptions').set(t.as('admin')))).body]);
    expect(shown).toContain(id);
    expect(shown).not.toContain(created.body.secret);
    expect(shown).not.toContain(created.body.secret.slice(6));
    // Not stored in clear either.
    const { rows } = await t.pool.query('SELECT secrets::text FROM outbound.subscriptions WHERE subscription_id = $1', [id]);
    expect(rows[0].secrets).not.toContain(created.body.secret.slice(6));
    expect((await expectOk(api.action(id, 'pause'))).body.state).toBe('paused');
    expect((await expectOk(api.action(id, 'resume'))).body.state).toBe('active');
    await api.remove(id).expect(204);
    await api.get(id).expect(404);
    await api.remove(id).expect(404);
  });

  it('signs with the new and the old secret for 24 hours after a rotation, then with the new one only', async () => {
    await api.resetClock();
    const id = uniqueId('sub');
    const { secret: oldSecret } = (await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url }, eventTypes: ['OrderPlaced'] }), 201)).body;
    const rotated = await expectOk(api.action(id, 'rotate-secret'));
    const newSecret = rotated.body.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(24 * 3600_000);
    const mine = () => receiver.accepted.filter((r) => r.headers['webhook-signature'] && r.event.type === 'OrderPlaced');
    const seen = mine().length;
    await placeAndPay(t, uniqueId('o'));
    await receiver.waitFor(() => mine().length === seen + 1);
    const during = mine()[seen];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook(oldSecret, during.headers, during.body)).toBe(true);
    expect(verifyStandardWebhook(newSecret, during.headers, during.body)).toBe(true);
    await api.advance(24 * 3600_000 + 60_000);
    await placeAndPay(t, uniqueId('o'));
    await receiver.waitFor(() => mine().length === seen + 2);
    const after = mine()[seen + 1];
    expect(verifyStandardWebhook(newSecret, after.headers, after.body)).toBe(true);
    expect(verifyStandardWebhook(oldSecret, after.headers, after.body)).toBe(false);
  });

  it('pages the delivery log with a cursor and filters it by order and state', async () => {
    const id = uniqueId('sub');
    await expectOk(api.create({ subscriptionId: id, sink: { type: 'webhook', url: receiver.url } }), 201);
    const orders = [uniqueId('o'), uniqueId('o')];
    for (const orderId of orders) await placeAndPay(t, orderId);
    await eventually(async () => (await api.get(id)).body.delivered >= 4, 15_000, 'delivered');
    const first = (await expectOk(api.deliveries(id, '?limit=2'))).body;
    expect(first.items).toHaveLength(2);
    const second = (await expectOk(api.deliveries(id, `?limit=2&cursor=${first.nextCursor}`))).body;
    expect(second.items[0].deliveryId < first.items[1].deliveryId || Number(second.items[0].deliveryId) < Number(first.items[1].deliveryId)).toBe(true);
    const byOrder = (await expectOk(api.deliveries(id, `?orderId=${orders[0]}&state=delivered`))).body.items;
    expect(byOrder.length).toBeGreaterThanOrEqual(2);
    expect(byOrder.every((d: { orderId: string; state: string }) => d.orderId === orders[0] && d.state === 'delivered')).toBe(true);
    expect((await api.deliveries(id, '?limit=0&state=lost').expect(400)).body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'state']);
    expect((await api.replay(id, {}).expect(400)).body.errors).toEqual([{ field: 'body', message: 'exactly one of fromPosition, fromTime and orderId is required' }]);
    await api.replay(id, { fromTime: '2026-01-01T00:00:00Z', orderId: orders[0] }).expect(400);
  });
});
