/** The reads the order-changes and exchange suites make over HTTP, and the test clock they move. */
import { expectOk, type TestApp } from '@app/harness';

export interface RecordedEventView {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  position: string;
}

/** `app()`: the suite's app, started in its beforeAll. */
export function orderReads(app: () => TestApp) {
  return {
    travel: (now: string) => expectOk(app().http.post('/admin/clock').set(app().as('admin')).send({ now })),
    view: async (orderId: string, minPosition: string) =>
      (await expectOk(app().http.get(`/orders/${orderId}`).query({ minPosition }).set(app().as('service')))).body,
    events: async (orderId: string): Promise<RecordedEventView[]> =>
      (await expectOk(app().http.get(`/orders/${orderId}/events`).set(app().as('auditor')))).body.events,
    timers: async (query: Record<string, string>) =>
      (await expectOk(app().http.get('/sla/timers').query(query).set(app().as('service')))).body.items as Array<Record<string, unknown>>,
  };
}
