import { ordersApi, orderBody, expectOk, type TestApp } from '@app/harness';

/** The subscriptions API and the test clock, driven as an admin. */
export function outboundApi(t: TestApp) {
  const admin = t.as('admin');
  let clock = Date.parse('2030-01-01T00:00:00Z');
  return {
    create: (body: Record<string, unknown>) => t.http.post('/subscriptions').set(admin).send(body),
    get: (id: string) => t.http.get(`/subscriptions/${id}`).set(admin),
    deliveries: (id: string, query = '') => t.http.get(`/subscriptions/${id}/deliveries${query}`).set(admin),
    action: (id: string, action: 'pause' | 'resume' | 'rotate-secret') => t.http.post(`/subscriptions/${id}/${action}`).set(admin).send({}),
    replay: (id: string, body: Record<string, unknown>) => t.http.post(`/subscriptions/${id}/replay`).set(admin).send(body),
    remove: (id: string) => t.http.delete(`/subscriptions/${id}`).set(admin),
    /** Sets the business clock to a fixed start (2030-01-01). */
    async resetClock(): Promise<void> {
      clock = Date.parse('2030-01-01T00:00:00Z');
      await expectOk(t.http.post('/admin/clock').set(admin).send({ now: new Date(clock).toISOString() }));
    },
    /** Moves the business clock forward (time keeps flowing from there). */
    async advance(ms: number): Promise<void> {
      clock += ms;
      await expectOk(t.http.post('/admin/clock').set(admin).send({ now: new Date(clock).toISOString() }));
    },
  };
}

/** Places an order and pays it: OrderPlaced then PaymentConfirmed, in one stream. */
export async function placeAndPay(t: TestApp, orderId: string): Promise<void> {
  const orders = ordersApi(t);
  await expectOk(orders.place(orderBody({ orderId })), 201);
  await expectOk(orders.pay(orderId));
}

export async function eventsOf(t: TestApp, orderId: string): Promise<Array<{ event_id: string; type: string; stream_revision: string }>> {
  const { rows } = await t.pool.query('SELECT event_id, type, stream_revision FROM events WHERE stream_id = $1 ORDER BY stream_revision', [`order-${orderId}`]);
  return rows;
}
