/**
 * Who sees customers' personal values (#21.8, docs/privacy.md "Who sees what"): each read route
 * × each role allowed on it. Roles that do not need the values get the same answer with each one
 * "[masked]", and none of them appears anywhere in their answer (JSON and NDJSON alike).
 */
import type { Role } from '@app/auth';
import { MASKED } from '@app/privacy';
import { expectOk, ordersApi, startTestApp, type TestApp } from '@app/harness';
import { distinctCustomer, needlesOf, orderFor } from '../privacy/support/personal-data';

type Read = { route: string; path: (orderId: string) => string; accept?: string; shown: Role[]; masked: Role[]; refused: Role[] };

const READS: Read[] = [
  { route: 'GET /orders/{orderId}', path: (id) => `/orders/${id}`, shown: ['service', 'admin'], masked: ['finance', 'auditor'], refused: [] },
  { route: 'GET /orders/{orderId}/events', path: (id) => `/orders/${id}/events`, shown: ['auditor', 'admin'], masked: ['service'], refused: ['finance'] },
  { route: 'GET /orders/{orderId}/events (NDJSON)', path: (id) => `/orders/${id}/events`, accept: 'application/x-ndjson', shown: ['auditor', 'admin'], masked: ['service'], refused: ['finance'] },
  { route: 'GET /orders/{orderId}/state', path: (id) => `/orders/${id}/state?revision=6`, shown: ['auditor', 'admin'], masked: [], refused: ['service', 'finance'] },
];

describe('personal data by role', () => {
  let t: TestApp;
  const ana = distinctCustomer('Ana');
  let orderId: string;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp();
    const api = ordersApi(t);
    orderId = await api.delivered(orderFor(ana));
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: ana.complaint }));
    position = (await expectOk(api.post(`/orders/${orderId}/complaints/cmp-1/respond`, { message: ana.response }))).body.position;
  });
  afterAll(() => t?.close());

  const read = (r: Read, role: Role) => {
    // The read model waits for the last write; the audit routes read the store itself.
    const path = r.path(orderId).endsWith(orderId) && !r.path(orderId).includes('/events') ? `${r.path(orderId)}?minPosition=${position}` : r.path(orderId);
    const request = t.http.get(path).set(t.as(role));
    if (r.accept) void request.set('accept', r.accept).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    return request;
  };
  const textOf = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

  describe.each(READS)('$route', (r) => {
    it.each(r.shown)('shows the values to %s', async (role) => {
      const text = textOf((await expectOk(read(r, role))).body);
      expect(text).toContain(ana.customer.email);
      expect(text).toContain(ana.customer.name);
      expect(text).not.toContain(MASKED);
    });

    if (r.masked.length) {
      it.each(r.masked)('masks every one of them for %s, and keeps the rest of the answer', async (role) => {
        const masked = textOf((await expectOk(read(r, role))).body);
        for (const needle of needlesOf(ana).filter((n) => n !== ana.returnNote)) expect(masked).not.toContain(needle);
        expect(masked).toContain(MASKED);
        const shown = textOf((await expectOk(read(r, r.shown[0]))).body);
        // The same answer but for the personal values: the shown one with each value replaced is the masked one.
        const values = [ana.customer.email, ...Object.values(ana.shippingAddress), ana.complaint, ana.response, ana.customer.name];
        const asMasked = (text: string) => values.reduce((acc, v) => acc.split(`":${JSON.stringify(v)}`).join(`":"${MASKED}"`), text);
        expect(asMasked(shown)).toEqual(masked);
      });
    }

    if (r.refused.length) {
      it.each(r.refused)('refuses %s', async (role) => {
        expect((await read(r, role)).status).toBe(403);
      });
    }
  });

  it('masks in GET /orders/{orderId} only the customer\'s e-mail and name; amounts and statuses are the same for every role', async () => {
    const finance = (await expectOk(read(READS[0], 'finance'))).body;
    const service = (await expectOk(read(READS[0], 'service'))).body;
    expect(finance.customer).toEqual({ id: ana.customer.id, email: MASKED, name: MASKED, registered: true });
    expect({ ...finance, customer: service.customer }).toEqual(service);
  });
});
