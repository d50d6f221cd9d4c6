/**
 * Secrets and personal data. Tokens are compared in constant time: authentication hashes the
 * presented token and compares fixed-size digests with every entry, whatever matches. And the
 * service's logs never carry a token, an e-mail, a name or an address: the real service
 * (apps/api/src/main.ts, `npm start`'s default embedded PostgreSQL included) runs a full scenario
 * at LOG_LEVEL=debug with its stdout and stderr captured, then the output is searched.
 */
import crypto from 'node:crypto';
import { TokenRegistry } from '@app/auth';
import { TOKENS } from '@app/harness';
import { bearer } from './support/app';
import { startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { call, readOwnWrite, report, type HttpAnswer } from './support/http';

const PII = {
  email: 'zelda.quintessa.pii@example.org',
  customerName: 'Zelda Quintessa',
  recipient: 'Ximena Okonkwo-Brandt',
  line1: '742 Evergreen Terrace',
  line2: 'Apartment Blue Heron',
  city: 'Springfieldtown',
  postalCode: 'ZQ97531',
  region: 'Quintessa Valley',
};

describe('tokens are compared in constant time', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hashes the token and compares fixed-size digests with every entry, whatever matches', () => {
    const tokens = Array.from({ length: 7 }, (_, i) => `${['service', 'auditor', 'finance', 'admin'][i % 4]}:token-number-${i}-padding-${'x'.repeat(i * 20)}`);
    const registry = TokenRegistry.fromSpec(tokens.join(','));
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    const presented = [
      tokens[0].split(':')[1], // the first entry
      tokens[6].split(':')[1], // the last one
      'not-a-token-at-all-0000',
      tokens[3].split(':')[1].slice(0, -1), // one character short of a real token
      `${tokens[3].split(':')[1]}x`,
      '',
      'y'.repeat(10_000),
    ];
    for (const token of presented) {
      compare.mockClear();
      registry.authenticate(token);
      expect(compare).toHaveBeenCalledTimes(tokens.length);
      for (const [a, b] of compare.mock.calls as Array<[Buffer, Buffer]>) expect([a.length, b.length]).toEqual([32, 32]);
    }
    expect(registry.authenticate(tokens[6].split(':')[1])?.role).toBe('finance');
    expect(registry.authenticate(`${tokens[3].split(':')[1]}x`)).toBeNull();
  });
});

describe('no secret or personal data in the logs', () => {
  let app: ChildApp;
  let requests = 0;

  beforeAll(async () => {
    // No DATABASE_URL: the embedded PostgreSQL of `npm start`, whose own lines are logged at debug.
    app = await startChildApp({ env: { LOG_LEVEL: 'debug', TEST_CLOCK: '1', SLA_TICK_MS: '3600000' } });
  }, 120_000);

  afterAll(() => app?.stop());

  const send = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    requests += 1;
    return call(app.baseUrl, method, path, { headers, body });
  };

  it('runs a full scenario, refusals and errors included, and finds none of them in stdout or stderr', async () => {
    const service = bearer('service');
    const orderId = `pii-${Date.now().toString(36)}`;
    const address = { name: PII.recipient, line1: PII.line1, line2: PII.line2, city: PII.city, postalCode: PII.postalCode, region: PII.region, country: 'FR' };
    const body = {
      orderId,
      customer: { id: 'c-pii-1', email: PII.email, name: PII.customerName, registered: true },
      channel: 'web',
      currency: 'EUR',
      lines: [{ lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 1, unitPrice: 4999, category: 'physical' }],
      shippingFee: 500,
      payment: { method: 'card', processingFee: 150 },
      shippingAddress: address,
    };
    const expectStatus = async (pending: Promise<HttpAnswer>, status: number) => {
      const answer = await pending;
      if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
      return answer;
    };
    const placed = await expectStatus(send('POST', '/orders', { ...service, 'idempotency-key': `k-${orderId}` }, body), 201);
    const position: string = placed.body.position;
    await expectStatus(send('POST', '/orders', service, { ...body, customer: { ...body.customer, name: `${PII.customerName} Jr` } }), 409);
    await expectStatus(send('POST', '/orders', service, { ...body, orderId: `${orderId}-bad`, customer: { ...body.customer, email: `${PII.customerName} <${PII.email}>` } }), 400);
    await expectStatus(send('POST', '/orders', service, { ...body, orderId: `${orderId}-x`, shippingAddress: { ...address, line1: `${PII.line1}\u0000` } }), 400);
    await expectStatus(send('POST', '/orders', { ...service, 'content-type': 'application/json' }, `{"customer":{"email":"${PII.email}","name":"${PII.customerName}"`), 400);
    await expectStatus(send('POST', `/orders/${orderId}/payment/confirm`, service, { transactionId: 'tx-1', amount: 4999 + 500 + 150 }), 200);
    await expectStatus(send('POST', `/orders/${orderId}/shipments`, service, { shipmentId: 's-1', lineIds: ['1'], carrier: 'UPS', trackingNumber: 'T1' }), 200);
    await expectStatus(send('POST', `/orders/${orderId}/lines/1/delivered`, service, {}), 200);
    await expectStatus(send('POST', `/orders/${orderId}/complaints`, service, { complaintId: 'c-1', category: 'delivery', message: `${PII.customerName}, ${PII.email}, ${PII.line1}` }), 200);
    await expectStatus(send('POST', `/orders/${orderId}/complaints/c-1/respond`, service, { message: `Dear ${PII.customerName}` }), 200);
    await expectStatus(send('POST', `/orders/${orderId}/returns`, service, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', note: `pick up at ${PII.line1}, ${PII.city}` }), 200);
    await expectStatus(send('POST', `/orders/${orderId}/refunds`, service, { refundId: 'rf-1', reason: 'goodwill', destination: 'wallet', amount: 100 }), 200);

    // Reads, with personal data in query strings and answers.
    requests += 1;
    await expectStatus(readOwnWrite(app.baseUrl, `/orders/${orderId}`, position, service), 200);
    await expectStatus(send('GET', `/orders?customerId=${encodeURIComponent(PII.email)}`, service), 200);
    await expectStatus(send('GET', `/orders?customerId=${encodeURIComponent(PII.customerName)}&status=nope`, service), 400);
    await expectStatus(send('GET', `/orders/${orderId}/events`, bearer('auditor')), 200);
    await expectStatus(send('GET', `/orders/${orderId}/events`, { ...bearer('auditor'), accept: 'application/x-ndjson' }), 200);
    await expectStatus(send('GET', `/orders/${orderId}/state?revision=1`, bearer('auditor')), 200);
    await expectStatus(send('GET', `/orders/${orderId}/verify`, bearer('auditor')), 200);
    await expectStatus(send('GET', `/sla/timers?orderId=${orderId}`, bearer('finance')), 200);
    const nowhere = await expectStatus(send('GET', `/nowhere/${encodeURIComponent(PII.customerName)}?email=${encodeURIComponent(PII.email)}`, service), 404);
    // Personal data sent in a path, where an id was expected: neither logged nor echoed.
    const misplaced = [
      await expectStatus(send('GET', `/orders/${PII.email}`, service), 400),
      await expectStatus(send('GET', `/orders/${encodeURIComponent(PII.customerName)}/events`, bearer('auditor')), 400),
      await expectStatus(send('POST', `/orders/${encodeURIComponent(PII.line1)}/payment/confirm`, service, { transactionId: 'tx-9', amount: 1 }), 400),
    ];
    for (const answer of [nowhere, ...misplaced]) {
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      for (const value of [PII.email, PII.customerName, PII.line1]) expect(answer.text).not.toContain(JSON.stringify(value).slice(1, -1));
      expect(answer.text).not.toContain('nowhere');
    }

    // Every token, good and bad, in every place a client may put one.
    for (const role of Object.keys(TOKENS) as Array<keyof typeof TOKENS>) await expectStatus(send('GET', '/admin/projections', bearer(role)), role === 'admin' ? 200 : 403);
    await expectStatus(send('GET', '/orders', { authorization: `Bearer ${TOKENS.admin}x` }), 401);
    await expectStatus(send('GET', '/orders', { authorization: `Basic ${Buffer.from(`admin:${TOKENS.admin}`).toString('base64')}` }), 401);
    await expectStatus(send('GET', `/orders?token=${TOKENS.service}`, { 'x-api-key': TOKENS.finance, cookie: `session=${TOKENS.auditor}` }), 401);
    await expectStatus(send('GET', '/health', {}), 200);
    await expectStatus(send('GET', '/metrics', {}), 401);
    await expectStatus(send('GET', '/metrics', bearer('admin')), 200);
    await app.stop();

    const output = app.output();
    const lines = output.split('\n').filter(Boolean);
    // The capture works: debug lines, one line per request, the database's own lines.
    expect(lines.some((l) => l.includes('"level":20'))).toBe(true);
    // All but the probe and the two scrapes.
    expect(lines.filter((l) => l.includes('request completed')).length).toBeGreaterThanOrEqual(requests - 3);
    expect(output).toContain(orderId);
    // Request lines name the route template and the order id, never the path as sent.
    expect(lines.some((l) => l.includes('"route":"/orders/:orderId"') && l.includes(`"orderId":"${orderId}"`))).toBe(true);
    expect(lines.filter((l) => l.includes('request completed') && l.includes('"url"'))).toEqual([]);
    // Probes and scrapes are not logged (docs/operations.md).
    expect(lines.filter((l) => l.includes('request completed') && /"route":"\/(health|metrics)/.test(l))).toEqual([]);

    const secrets: Record<string, string> = {
      ...PII,
      ...Object.fromEntries(Object.entries(TOKENS).map(([role, token]) => [`${role} token`, token])),
      'basic credentials': Buffer.from(`admin:${TOKENS.admin}`).toString('base64'),
    };
    const forms = (value: string) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), value.replace(/ /g, '+')];
    const found = Object.entries(secrets).flatMap(([what, value]) =>
      forms(value).filter((form) => output.toLowerCase().includes(form.toLowerCase())).map((form) => `${what} (${form})`));
    expect(found).toEqual([]);
    report('secrets-in-logs', { requests, logLines: lines.length, secretsSearched: Object.keys(secrets).length, formsEach: 4 });
  }, 120_000);
});
