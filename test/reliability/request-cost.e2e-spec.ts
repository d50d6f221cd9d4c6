/**
 * What one request may cost the API: whatever a body of at most the body limit holds (lists of
 * any length, any elements, unknown keys by the thousand), the answer stays a few KB and the
 * process does not grow by more than a bounded amount. Before, `lines: [{}, {}, ...]` in 30 KB
 * answered 10.9 MB and a 1 MiB body took 3.3 GB. Memory is measured as the process's peak
 * resident size (it only grows, so a spike between two samples is not missed), not time.
 * Runs are bounded (FUZZ_RUNS, FUZZ_SEED to explore more).
 */
import fc from 'fast-check';
import { BODY_LIMIT_BYTES } from '@app/api/bootstrap';
import { orderBody, startTestApp, type TestApp } from '@app/harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** A problem with 20 field errors is about 2 KB. */
const MAX_ANSWER_BYTES = 8 * 1024;
/**
 * Far below the gigabytes of before (3.3 GB for one 1 MiB body), above what parsing and refusing
 * 1 MiB of JSON needs: tens of MB, but the process's peak RSS also carries whatever the collector
 * has not returned yet, which reached 395 MB in a full parallel run on a loaded machine.
 */
const MAX_GROWTH_BYTES = 800 * 1024 * 1024;

const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** One element of a hostile list: empty, wrong kinds, half-valid lines, wide objects. */
const element = fc.oneof(
  fc.constant({}),
  fc.constant(7),
  fc.constant('x'),
  fc.constant(null),
  fc.constant({ quantity: '2', unitPrice: -1, sku: '', name: 5, category: 'food' }),
  fc.constant({ lineId: '1', quantity: 1 }),
  fc.integer({ min: 1, max: 40 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

/** Where the hostile list goes: an order's lines, a shipment's line ids, unknown keys of a nested object. */
const target = fc.constantFrom('lines', 'lineIds', 'customerKeys', 'unknownList');

function bodyOf(kind: string, item: unknown, count: number): { path: string; body: Record<string, unknown> } {
  const list = Array.from({ length: count }, () => item);
  if (kind === 'lines') return { path: '/orders', body: orderBody({ lines: list }) };
  if (kind === 'lineIds') return { path: '/orders/o-1/shipments', body: { shipmentId: 's-1', lineIds: list, carrier: 'D', trackingNumber: 'T' } };
  if (kind === 'customerKeys') {
    const customer = Object.fromEntries(list.map((value, i) => [`extra${i}`, value]));
    return { path: '/orders', body: orderBody({ customer: { id: 'c-1', registered: true, ...customer } }) };
  }
  return { path: '/orders', body: orderBody({ junk: list }) };
}

/** As many copies of `item` as fit in `bytes` of JSON. */
function countFor(kind: string, item: unknown, bytes: number): number {
  const one = Buffer.byteLength(JSON.stringify(item)) + (kind === 'customerKeys' ? 14 : 1);
  return Math.max(1, Math.floor((bytes - 600) / one));
}

describe('the cost of one request is bounded', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers every body up to the body limit with a few KB and a bounded growth of memory', async () => {
    const before = peakRss();
    const sizes = fc.constantFrom(30 * 1024, 200 * 1024, BODY_LIMIT_BYTES - 1024);
    let biggest = 0;
    await fc.assert(
      fc.asyncProperty(target, element, sizes, async (kind, item, bytes) => {
        const { path, body } = bodyOf(kind, item, countFor(kind, item, bytes));
        const payload = JSON.stringify(body);
        const res = await t.http.post(path).set(t.as('service')).set('content-type', 'application/json').send(payload);
        const answer = Buffer.byteLength(res.text ?? '');
        biggest = Math.max(biggest, answer);
        expect(payload.length).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(answer).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(biggest).toBeGreaterThan(0);
    expect(peakRss() - before).toBeLessThan(MAX_GROWTH_BYTES);
  }, 240_000);

  it('refuses a list longer than allowed with one error, and says how many more it did not list', async () => {
    const tooMany = await t.http.post('/orders').set(t.as('service')).send(orderBody({ lines: Array.from({ length: 30_000 }, () => ({})) }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: 'lines', message: 'lines must contain no more than 100 elements' }]);
    const hundred = await t.http.post('/orders').set(t.as('service')).send(orderBody({ lines: Array.from({ length: 100 }, () => ({})) }));
    expect(hundred.status).toBe(400);
    expect(hundred.body.errors).toHaveLength(20);
    expect(hundred.body.detail).toMatch(/480 more are not/);
  });

  it('answers one message per field: "required" when missing, no range message for a wrong type', async () => {
    const { currency: _currency, ...withoutCurrency } = orderBody();
    const missing = await t.http.post('/orders').set(t.as('service')).send(withoutCurrency);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'currency', message: 'currency is required' }]);
    const body = orderBody();
    (body.lines as Array<Record<string, unknown>>)[0].quantity = '2';
    const text = await t.http.post('/orders').set(t.as('service')).send(body);
    expect(text.status).toBe(400);
    expect(text.body.errors).toEqual([{ field: 'lines[0].quantity', message: 'quantity must be an integer number' }]);
  });
});
