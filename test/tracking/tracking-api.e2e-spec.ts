/**
 * docs/tracking.md over HTTP: the link POST /orders answers (the same on a retry), rotation,
 * identical 404s for every link that leads nowhere, no personal data, languages and their
 * precedence, and the per-address rate limit.
 */
import { createHash } from 'node:crypto';
import { expectOk, ordersApi, startTestApp, type TestApp } from '@app/harness';
import { CATALOGUES } from '@app/api/tracking/messages';
import { everyStatusScenario, pathOf, PERSONAL, placeTracked, projected, tokenOf, trackedBody, type TrackedScenario } from './support/tracked-orders';

const BASE = 'https://shop.example.com/shop';
const LINK = new RegExp(`^${BASE.replace(/\./g, '\\.')}/track/[A-Za-z0-9_-]{43}$`);
/** Headers that differ between any two answers whatever they say. */
const PER_REQUEST = new Set(['date', 'x-correlation-id', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'connection', 'keep-alive']);

function comparable(response: { status: number; headers: Record<string, string>; text: string }) {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !PER_REQUEST.has(name)));
  return { status: response.status, headers, text: response.text };
}

describe('tracking links and page (API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Many requests without a token from one address: neither the page's limit nor the service-wide one may get in the way.
    t = await startTestApp({ PUBLIC_BASE_URL: `${BASE}/`, TRACKING_RATE_LIMIT: '100000', RATE_LIMIT_ANONYMOUS: '0' });
  });
  afterAll(() => t?.close());

  const json = (path: string, headers: Record<string, string> = {}) => t.http.get(path).set({ Accept: 'application/json', ...headers });

  it('answers POST /orders with the link; a retry answers the same one; only its SHA-256 is stored', async () => {
    const body = trackedBody();
    const first = await placeTracked(t, body);
    expect(first.trackingUrl).toMatch(LINK);
    const again = await expectOk(ordersApi(t).place(body), 201);
    expect(again.body.trackingUrl).toBe(first.trackingUrl);
    const keyed = trackedBody();
    const withKey = await expectOk(ordersApi(t).place(keyed, { 'Idempotency-Key': `k-${keyed.orderId}` }), 201);
    const retried = await expectOk(ordersApi(t).place(keyed, { 'Idempotency-Key': `k-${keyed.orderId}` }), 201);
    expect(retried.body.trackingUrl).toBe(withKey.body.trackingUrl);
    expect(withKey.body.trackingUrl).not.toBe(first.trackingUrl);

    const token = tokenOf(first.trackingUrl);
    const { rows } = await t.pool.query('SELECT token_hash, row_to_json(l)::text AS everything FROM tracking_links l WHERE order_id = $1', [first.orderId]);
    expect(rows[0].token_hash).toEqual(createHash('sha256').update(token).digest());
    expect(rows[0].everything).not.toContain(token);
    const service = await expectOk(t.http.get(`/orders/${first.orderId}/tracking-link`).set(t.as('service')));
    expect(service.body).toEqual({ url: first.trackingUrl });
  });

  it('answers one link to the same placement sent several times at once', async () => {
    const body = trackedBody();
    const answers = await Promise.all(Array.from({ length: 6 }, () => ordersApi(t).place(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.trackingUrl)).size).toBe(1);
    expect(answers[0].body.trackingUrl).toMatch(LINK);
  });

  it('rotates: the old link answers 404 at once, the new one works; guessed and malformed links answer the very same 404', async () => {
    const body = trackedBody();
    const placed = await placeTracked(t, body);
    await projected(t, placed.orderId, placed.position);
    await expectOk(json(pathOf(placed.trackingUrl)));
    const rotated = await expectOk(t.http.post(`/orders/${placed.orderId}/tracking-link/rotate`).set(t.as('service')));
    expect(rotated.body.url).toMatch(LINK);
    expect(rotated.body.url).not.toBe(placed.trackingUrl);
    expect((await expectOk(json(pathOf(rotated.body.url)))).body.orderId).toBe(placed.orderId);
    expect((await expectOk(t.http.get(`/orders/${placed.orderId}/tracking-link`).set(t.as('service')))).body.url).toBe(rotated.body.url);
    // A retry of the placement now answers the current link, not the replaced one.
    expect((await expectOk(ordersApi(t).place(body), 201)).body.trackingUrl).toBe(rotated.body.url);

    const guessed = `/track/${'A'.repeat(43)}`;
    const malformed = ['/track/not-a-token', `/track/${'A'.repeat(44)}`, '/track/%E2%9C%93%20x', `/track/${'A'.repeat(42)}=`];
    for (const accept of ['application/json', 'text/html']) {
      const answers = [];
      for (const path of [pathOf(placed.trackingUrl), guessed, ...malformed]) answers.push(comparable(await t.http.get(path).set('Accept', accept)));
      expect(answers[0].status).toBe(404);
      for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    }
    const problem = await json(guessed);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ status: 404, code: 'tracking_link_not_found' });
  });

  it('refuses tracking-link routes to other roles and for unknown orders', async () => {
    const placed = await placeTracked(t, trackedBody());
    await t.http.get(`/orders/${placed.orderId}/tracking-link`).expect(401);
    await t.http.get(`/orders/${placed.orderId}/tracking-link`).set(t.as('auditor')).expect(403);
    await t.http.post(`/orders/${placed.orderId}/tracking-link/rotate`).set(t.as('finance')).expect(403);
    const missing = await t.http.get('/orders/no-such-order/tracking-link').set(t.as('service')).expect(404);
    expect(missing.body.code).toBe('order_not_found');
    await t.http.post('/orders/no-such-order/tracking-link/rotate').set(t.as('service')).expect(404);
  });

  describe('an order in every status', () => {
    let scenarios: TrackedScenario[];
    beforeAll(async () => {
      scenarios = await everyStatusScenario(t);
    });

    it.each(['en', 'fr', 'fi', 'zh'] as const)('explains every item status and refund in %s, with no personal data', async (lang) => {
      const messages = CATALOGUES[lang];
      const seen = new Set<string>();
      for (const scenario of scenarios) {
        const page = await expectOk(json(`${pathOf(scenario.trackingUrl)}?lang=${lang}`));
        const text = JSON.stringify(page.body);
        for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
        expect(page.body).toMatchObject({ orderId: scenario.orderId, locale: lang, status: scenario.status, statusText: messages.orderStatus[scenario.status as 'processing'].text });
        expect(Object.keys(page.body).sort()).toEqual(['items', 'locale', 'orderId', 'placedAt', 'refunds', 'status', 'statusLabel', 'statusText']);
        for (const item of page.body.items) {
          expect(item.status).toBe(scenario.lines[item.lineId]);
          expect(item.statusText).toBe(messages.lineStatus[item.status as 'shipped'].text);
          seen.add(item.status);
        }
        expect(page.body.refunds.map((r: { destination: string }) => r.destination)).toEqual(scenario.refunds);
        for (const refund of page.body.refunds) {
          for (const fixed of messages.refund[refund.destination as 'card'].split(/\{\w+\}/).filter((part) => part.trim())) expect(refund.text).toContain(fixed);
          expect(refund.text).not.toMatch(/\{\w+\}/);
        }
      }
      expect([...seen].sort()).toEqual(Object.keys(messages.lineStatus).sort());
    });

    it('says when the money arrives: the wallet at once, card and PayPal 5 business days later', async () => {
      const expectations: Record<string, (issued: Date, expected: Date) => void> = {
        wallet: (issued, expected) => expect(expected).toEqual(issued),
        card: (issued, expected) => expect(businessDaysBetween(issued, expected)).toBe(5),
        paypal: (issued, expected) => expect(businessDaysBetween(issued, expected)).toBe(5),
      };
      let checked = 0;
      for (const scenario of scenarios) {
        const page = await expectOk(json(pathOf(scenario.trackingUrl)));
        for (const refund of page.body.refunds) {
          expectations[refund.destination](new Date(refund.issuedAt), new Date(refund.fundsExpectedBy));
          expect(refund).toMatchObject({ currency: 'EUR', total: expect.any(Number) });
          checked += 1;
        }
      }
      expect(checked).toBe(3);
    });

    it('chooses the language: ?lang, then Accept-Language, then the order\'s locale, then English', async () => {
      const fi = await placeTracked(t, trackedBody({}, 'fi'));
      const plain = await placeTracked(t, trackedBody());
      await projected(t, plain.orderId, plain.position);
      const localeOf = async (url: string, query: string, acceptLanguage?: string) =>
        (await expectOk(json(`${pathOf(url)}${query}`, acceptLanguage ? { 'Accept-Language': acceptLanguage } : {}))).body.locale;
      expect(await localeOf(fi.trackingUrl, '?lang=zh', 'fr-FR,fr;q=0.9')).toBe('zh');
      expect(await localeOf(fi.trackingUrl, '', 'fr-CA,fr;q=0.9,en;q=0.5')).toBe('fr');
      expect(await localeOf(fi.trackingUrl, '', 'de-DE,de;q=0.9')).toBe('fi');
      expect(await localeOf(fi.trackingUrl, '?lang=xx&utm_source=email')).toBe('fi');
      expect(await localeOf(fi.trackingUrl, '')).toBe('fi');
      expect(await localeOf(plain.trackingUrl, '')).toBe('en');
      expect(await localeOf(plain.trackingUrl, '', 'zh-CN,zh;q=0.9')).toBe('zh');
      const html = await expectOk(t.http.get(`${pathOf(fi.trackingUrl)}`).set('Accept', 'text/html'));
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('<html lang="fi">');
      // The token is in the URL: not cached, not sent on as a referrer; nothing but the inline style may load.
      expect(html.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex, nofollow' });
      expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline';/);
    });

    it('refuses a locale it does not speak when placing', async () => {
      const refused = await ordersApi(t).place(trackedBody({}, 'de')).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'customer.locale' })]);
    });
  });
});

describe('tracking page rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRACKING_RATE_LIMIT: '3', TRACKING_RATE_WINDOW_SECONDS: '60' }, { mode: 'api' });
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After past the limit per address, on /track only', async () => {
    for (let i = 0; i < 3; i += 1) await t.http.get(`/track/${'B'.repeat(43)}`).expect(404);
    const limited = await t.http.get(`/track/${'C'.repeat(43)}`).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    await t.http.get('/health/live').expect(200);
    await t.http.get('/orders').set(t.as('service')).expect(200);
  });
});

/** Business days (Monday to Friday, no holidays configured) from one instant to a later one. */
function businessDaysBetween(from: Date, to: Date): number {
  let days = 0;
  for (const d = new Date(from); d < to; d.setUTCDate(d.getUTCDate() + 1)) {
    const next = new Date(d);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next <= to && next.getUTCDay() !== 0 && next.getUTCDay() !== 6) days += 1;
  }
  return days;
}
