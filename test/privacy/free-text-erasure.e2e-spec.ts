/**
 * Every free-text field is personal (#21.6): a customer's name and e-mail written through HTTP
 * into each one (payment failure, cancellation and rejection reasons, return and inspection
 * notes, complaint messages, responses and resolutions) are sealed at rest and, once the
 * customer is erased, found in no table (raw events, read models, any schema) nor in any answer.
 */
import { ERASED } from '@app/ordering';
import { expectOk, ordersApi, startTestApp, type TestApp, type TestRole } from '@app/harness';
import { distinctCustomer, findInAllTables, orderFor } from './support/personal-data';

describe('free text after erasure', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  const zoe = distinctCustomer('Yvette');
  const needles = [zoe.customer.email, zoe.customer.name];
  /** A sentence quoting the customer, distinct per field so a miss names the field. */
  const quote = (field: string) => `${field}: ${zoe.customer.name} <${zoe.customer.email}>`;
  const orders: string[] = [];
  let lastPosition = '';

  const post = async (path: string, body: object) => {
    const { body: answer } = await expectOk(api.post(path, body));
    lastPosition = answer.position;
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = ordersApi(t);
    const failed = String((await expectOk(api.place(orderFor(zoe)), 201)).body.orderId);
    await post(`/orders/${failed}/payment/fail`, { reason: quote('PaymentFailed.reason') });
    const cancelled = String((await expectOk(api.place(orderFor(zoe)), 201)).body.orderId);
    await post(`/orders/${cancelled}/cancel`, { reason: quote('OrderCancelled.reason'), by: 'customer' });
    const returned = await api.delivered(orderFor(zoe));
    const o = `/orders/${returned}`;
    const line = [{ lineId: '1', quantity: 1 }];
    await post(`${o}/returns`, { returnId: 'r-1', lines: line, reason: 'defective', resolution: 'refund', note: quote('ReturnRequested.note') });
    await post(`${o}/returns/r-1/reject`, { reason: quote('ReturnRejected.reason') });
    await post(`${o}/returns`, { returnId: 'r-2', lines: line, reason: 'defective', resolution: 'refund' });
    await post(`${o}/returns/r-2/approve`, {});
    await post(`${o}/returns/r-2/dispatch`, { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 0 });
    await post(`${o}/returns/r-2/receive`, { inspection: 'passed', note: quote('ReturnReceived.note') });
    await post(`${o}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: quote('ComplaintOpened.message') });
    await post(`${o}/complaints/cmp-1/respond`, { message: quote('ComplaintResponded.message') });
    await post(`${o}/complaints/cmp-1/resolve`, { resolution: quote('ComplaintResolved.resolution') });
    orders.push(failed, cancelled, returned);
  });
  afterAll(() => t?.close());

  const get = (path: string, role: TestRole) => expectOk(t.http.get(path).set(t.as(role))).then((r) => JSON.stringify(r.body));
  /** Every answer that shows an order, read model first (after `lastPosition`), then the audit routes. */
  const answers = async (id: string): Promise<string[]> => [
    await get(`/orders/${id}?minPosition=${lastPosition}`, 'admin'),
    await get(`/orders/${id}/events`, 'admin'),
    await get(`/orders/${id}/state?revision=${JSON.parse(await get(`/orders/${id}`, 'admin')).revision}`, 'admin'),
  ];
  const rawEvents = async () =>
    (await t.pool.query<{ row: string }>('SELECT e::text AS row FROM events e')).rows.map((r) => r.row).join('\n');

  it('seals each free-text field at rest, and shows it to the roles that may read it until the erasure', async () => {
    const raw = await rawEvents();
    for (const needle of needles) expect(raw).not.toContain(needle);
    const history = (await Promise.all(orders.map((id) => get(`/orders/${id}/events`, 'admin')))).join('\n');
    for (const field of ['PaymentFailed.reason', 'OrderCancelled.reason', 'ReturnRequested.note', 'ReturnRejected.reason', 'ReturnReceived.note',
      'ComplaintOpened.message', 'ComplaintResponded.message', 'ComplaintResolved.resolution']) {
      expect(history).toContain(JSON.stringify(quote(field)).slice(1, -1));
    }
    // The read model holds the plaintext now (customer, folded reasons): the erasure must take it out.
    await get(`/orders/${orders[2]}?minPosition=${lastPosition}`, 'admin');
    expect((await findInAllTables(t.pool, needles)).length).toBeGreaterThan(0);
  });

  it('leaves neither the name nor the e-mail in the events table, any read model or any answer once erased', async () => {
    const { body } = await expectOk(t.http.post(`/customers/${zoe.customer.id}/erase`).set(t.as('admin')));
    lastPosition = body.position;
    const shown = (await Promise.all(orders.map(answers))).flat().join('\n');
    for (const needle of needles) expect(shown).not.toContain(needle);
    expect(shown).toContain(ERASED);
    for (const needle of needles) expect(await rawEvents()).not.toContain(needle);
    expect(await findInAllTables(t.pool, needles)).toEqual([]);

    const [failed, cancelled, returned] = await Promise.all(orders.map((id) => get(`/orders/${id}/events`, 'admin').then((h) => JSON.parse(h).events)));
    const dataOf = (events: Array<{ type: string; data: Record<string, unknown> }>, type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(dataOf(failed, 'PaymentFailed')).toEqual([{ reason: ERASED }]);
    expect(dataOf(cancelled, 'OrderCancelled')).toEqual([{ reason: ERASED, by: 'customer' }]);
    expect(dataOf(returned, 'ReturnRejected')).toEqual([{ returnId: 'r-1', reason: ERASED }]);
    expect(dataOf(returned, 'ComplaintResolved')).toEqual([{ complaintId: 'cmp-1', resolution: ERASED }]);
  });
});
