/**
 * Hostile input: property-based fuzzing (fast-check) of every endpoint's body, path and query,
 * built from the running app's own OpenAPI description so new endpoints are fuzzed too. Each
 * case is invalid on purpose (wrong types, huge, negative and fractional money, unknown fields,
 * deep nesting, long strings, bytes that are not UTF-8, text PostgreSQL cannot store, malformed
 * JSON, prototype-pollution keys), starting from a body that is otherwise valid for an order in
 * the right state, so a case that slips through validation reaches the domain and the database.
 * Never a 5xx, never a write, always application/problem+json with a stable code. SQL injection
 * in every id and filter changes nothing. Runs are bounded (FUZZ_RUNS, FUZZ_SEED to explore more).
 */
import fc from 'fast-check';
import { DEFAULT_TOTAL, expectOk, orderBody, ordersApi, startTestApp, TOKENS, type TestApp } from '@app/harness';
import { report } from './support/http';
import {
  deeplyNested, HOSTILE_NUMBER_LITERALS, HOSTILE_NUMBERS, INVALID_UTF8, otherTypeValue, POLLUTING_KEYS, RawJson, setOwn,
  SQL_INJECTIONS, UNSTORABLE_TEXT,
} from './support/hostile-values';
import { isConstrainedText, operationsOf, resolve, schemaAt, type OpenApiDocument, type Operation, type SchemaObject } from './support/openapi';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20260301);

/** Codes an invalid request may be answered with: the spec's, and the transport's own. */
const INPUT_CODES = new Set(['validation_failed', 'payload_too_large', 'unsupported_media_type', 'not_found', 'method_not_allowed']);
type Accepts = (status: number, code: string) => boolean;
/** A refusal of the input itself. */
const INPUT: Accepts = (_, code) => INPUT_CODES.has(code);
/** Or, for an id that is well formed and names nothing: 404 `<thing>_not_found` (order, line, return, complaint, customer, ...). */
const INPUT_OR_UNKNOWN_ID: Accepts = (status, code) => INPUT(status, code) || code === 'invalid_state_transition' || (status === 404 && /^[a-z]+(_[a-z]+)*_not_found$/.test(code));
const PROBLEM_FIELDS = ['type', 'title', 'status', 'code', 'detail'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

interface Case {
  label: string;
  method: string;
  url: string;
  payload?: Buffer;
  contentType?: string;
}

interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown> | undefined;
}

describe('hostile input: fuzzing every body, path and query', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let unpaid: string;
  let busy: string;
  let sent = 0;
  const seen: Array<{ c: Case; status: number; code: unknown }> = [];
  let before: Awaited<ReturnType<typeof counts>>;

  /** What a write would change: events, and every read model's rows. */
  async function counts() {
    const { rows } = await t.pool.query<{ events: string; orders: string; timers: string; refunds: string; idem: string }>(`
      SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM order_status.orders) AS orders,
             (SELECT count(*) FROM sla_timers.timers) AS timers, (SELECT count(*) FROM finance.refunds) AS refunds,
             (SELECT count(*) FROM idempotency_records) AS idem`);
    return rows[0];
  }

  beforeAll(async () => {
    t = await startTestApp({ PROJECTION_BATCH_SIZE: '200' });
    const api = ordersApi(t);
    // `unpaid`: placed only. `busy`: seven lines in every state a command needs (see BASES).
    const placed = orderBody();
    unpaid = String(placed.orderId);
    await expectOk(api.place(placed), 201);
    const lines = Array.from({ length: 7 }, (_, i) => ({ lineId: String(i + 1), sku: `SKU-${i + 1}`, name: `Item ${i + 1}`, quantity: 2, unitPrice: 1000, category: 'physical' }));
    const body = orderBody({ lines });
    busy = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.post(`/orders/${busy}/payment/confirm`, { transactionId: 'tx-1', amount: 7 * 2000 + 500 + 150 }));
    await expectOk(api.ship(busy, ['1', '2', '3', '4', '5', '6'], 's-1'));
    for (const line of ['1', '2', '3', '4']) await expectOk(api.deliver(busy, line));
    await expectOk(api.post(`/orders/${busy}/lines/5/delivery-failed`, { reason: 'lost' }));
    const ret = (returnId: string, lineId: string) => ({ returnId, lines: [{ lineId, quantity: 1 }], reason: 'defective', resolution: 'refund' });
    await expectOk(api.post(`/orders/${busy}/returns`, ret('r-1', '1')));
    await expectOk(api.post(`/orders/${busy}/returns`, ret('r-2', '2')));
    await expectOk(api.post(`/orders/${busy}/returns/r-2/approve`, {}));
    await expectOk(api.post(`/orders/${busy}/returns`, ret('r-3', '3')));
    await expectOk(api.post(`/orders/${busy}/returns/r-3/approve`, {}));
    await expectOk(api.post(`/orders/${busy}/returns/r-3/dispatch`, { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 695 }));
    await expectOk(api.post(`/orders/${busy}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }));

    doc = (await t.http.get('/docs-json').set(t.as('service'))).body;
    operations = operationsOf(doc);
    // Everything settled in the read models before counting (asked again while the projection lags).
    const last = (await t.http.get(`/orders/${busy}/events`).set(t.as('auditor'))).body.events.at(-1).position;
    for (let lagging = true; lagging;) {
      const read = await t.http.get(`/orders/${busy}?minPosition=${encodeURIComponent(last)}`).set(t.as('service'));
      lagging = read.status === 503;
      if (!lagging) expect(read.status).toBe(200);
    }
    before = await counts();
  }, 120_000);

  afterAll(() => t?.close());

  /** An otherwise valid body and path for each command, on an order in the state it needs. */
  function base(op: Operation): { url: string; body: Json } {
    const now = new Date().toISOString();
    const BASES: Record<string, [string, Json]> = {
      'post /orders': ['/orders', orderBody({ orderId: 'fuzz-new-order' }) as Json],
      'post /orders/{orderId}/payment/confirm': [`/orders/${unpaid}/payment/confirm`, { transactionId: 'tx-fuzz', amount: DEFAULT_TOTAL }],
      'post /orders/{orderId}/payment/fail': [`/orders/${unpaid}/payment/fail`, { reason: 'card declined' }],
      'post /orders/{orderId}/cancel': [`/orders/${unpaid}/cancel`, { reason: 'customer_request', by: 'customer' }],
      'post /orders/{orderId}/shipments': [`/orders/${busy}/shipments`, { shipmentId: 's-fuzz', lineIds: ['7'], carrier: 'UPS', trackingNumber: 'T-fuzz' }],
      'post /orders/{orderId}/lines/{lineId}/delivered': [`/orders/${busy}/lines/6/delivered`, { deliveredAt: now }],
      'post /orders/{orderId}/lines/{lineId}/delivery-failed': [`/orders/${busy}/lines/6/delivery-failed`, { reason: 'lost' }],
      'post /orders/{orderId}/replacements': [`/orders/${busy}/replacements`, { shipmentId: 's-fuzz-r', lineIds: ['5'], carrier: 'DHL', trackingNumber: 'R-fuzz' }],
      'post /orders/{orderId}/receipt': [`/orders/${busy}/receipt`, { lineIds: ['4'] }],
      'post /orders/{orderId}/returns': [`/orders/${busy}/returns`, { returnId: 'r-fuzz', lines: [{ lineId: '4', quantity: 1 }], reason: 'defective', resolution: 'refund', note: 'n' }],
      'post /orders/{orderId}/returns/{returnId}/approve': [`/orders/${busy}/returns/r-1/approve`, {}],
      'post /orders/{orderId}/returns/{returnId}/reject': [`/orders/${busy}/returns/r-1/reject`, { reason: 'worn' }],
      'post /orders/{orderId}/returns/{returnId}/dispatch': [`/orders/${busy}/returns/r-2/dispatch`, { carrier: 'UPS', trackingNumber: 'B2', shippingCost: 695 }],
      'post /orders/{orderId}/returns/{returnId}/receive': [`/orders/${busy}/returns/r-3/receive`, { inspection: 'passed', note: 'ok' }],
      'post /orders/{orderId}/refunds': [`/orders/${busy}/refunds`, { refundId: 'rf-fuzz', reason: 'goodwill', destination: 'original', amount: 100 }],
      'post /orders/{orderId}/complaints': [`/orders/${busy}/complaints`, { complaintId: 'cmp-fuzz', category: 'delivery', message: 'late' }],
      'post /orders/{orderId}/complaints/{complaintId}/respond': [`/orders/${busy}/complaints/cmp-1/respond`, { message: 'sorry' }],
      'post /orders/{orderId}/complaints/{complaintId}/resolve': [`/orders/${busy}/complaints/cmp-1/resolve`, { resolution: 'voucher' }],
      'post /admin/clock': ['/admin/clock', { now }],
    };
    const known = BASES[`${op.method} ${op.path}`];
    if (known) return { url: known[0], body: known[1] };
    // A route added later: ids of the busy order, a body from the schema's examples.
    return { url: fillPath(op, () => 'x1'), body: exampleOf(resolve(doc, op.body)) };
  }

  function fillPath(op: Operation, value: (name: string) => string): string {
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
  }

  function exampleOf(schema: SchemaObject | undefined, depth = 0): Json {
    const s = resolve(doc, schema);
    if (!s || depth > 5) return null;
    const example = (s as { example?: Json }).example;
    if (example !== undefined) return example;
    if (s.enum?.length) return s.enum[0] as Json;
    if (s.type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => s.required?.includes(k)).map(([k, v]) => [k, exampleOf(v, depth + 1)]));
    }
    if (s.type === 'array') return [exampleOf(s.items, depth + 1)];
    if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
    if (s.type === 'boolean') return true;
    return 'x1';
  }

  const bodyOps = () => operations.filter((op) => op.method !== 'get' && op.body);

  async function send(c: Case, role: keyof typeof TOKENS = 'admin'): Promise<Answer> {
    const response = await t.app.inject({
      method: c.method as 'GET',
      url: c.url,
      payload: c.payload,
      headers: { authorization: `Bearer ${TOKENS[role]}`, ...(c.payload !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}) },
    });
    sent += 1;
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body };
  }

  /** The contract for an input the server must refuse: 4xx problem+json, a documented code, no side effect. */
  function expectRefused(c: Case, answer: Answer, accepts: Accepts): void {
    const where = `${c.label}: ${c.method} ${c.url.slice(0, 200)}`;
    if (answer.status >= 500 || answer.status < 400) throw new Error(`${where} answered ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 500)}`);
    if (!answer.contentType.startsWith('application/problem+json')) throw new Error(`${where} answered ${answer.status} as ${answer.contentType}`);
    for (const field of PROBLEM_FIELDS) if (answer.body?.[field] === undefined) throw new Error(`${where}: problem without ${field}`);
    if (answer.body?.status !== answer.status) throw new Error(`${where}: problem status ${String(answer.body?.status)} in a ${answer.status}`);
    if (!accepts(answer.status, String(answer.body?.code))) throw new Error(`${where}: unexpected code ${String(answer.body?.code)} (${answer.status})`);
    seen.push({ c, status: answer.status, code: answer.body?.code });
  }

  /** Every place a value sits in `body`, with the schema that describes it. */
  function leaves(op: Operation, body: Json): Array<{ path: Step[]; value: Json; schema?: SchemaObject }> {
    const found: Array<{ path: Step[]; value: Json; schema?: SchemaObject }> = [];
    const walk = (value: Json, path: Step[]) => {
      if (path.length) found.push({ path, value, schema: schemaAt(doc, op.body, path) });
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(body, []);
    return found;
  }

  function replaceAt(body: Json, path: Step[], value: unknown): Json {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let target = copy;
    for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
    target[path[path.length - 1]] = value;
    return copy as Json;
  }

  function removeAt(body: Json, path: Step[]): Json {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let target = copy;
    for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
    delete target[path[path.length - 1]];
    return copy as Json;
  }

  /** An invalid variant of the operation's valid body: one hostile change, every kind the issue lists. */
  function hostileBody(op: Operation): fc.Arbitrary<Case> {
    const { url, body } = base(op);
    const all = leaves(op, body);
    const make = (label: string, build: (raw: RawJson) => unknown, contentType?: string): Case => {
      const raw = new RawJson();
      return { label, method: op.method.toUpperCase(), url, payload: raw.bytes(build(raw)), contentType };
    };
    const rawCase = (label: string, payload: Buffer | string, contentType?: string): Case =>
      ({ label, method: op.method.toUpperCase(), url, payload: Buffer.from(payload), contentType });
    const leaf = fc.constantFrom(...(all.length ? all : [{ path: ['x'] as Step[], value: 1 as Json }]));
    const stringLeaves = all.filter((l) => typeof l.value === 'string');
    const numberLeaves = all.filter((l) => typeof l.value === 'number');
    const constrained = stringLeaves.filter((l) => isConstrainedText(l.schema));
    const objects: Step[][] = [[], ...all.filter((l) => l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value)).map((l) => l.path)];
    const requiredPaths = all.filter((l) => {
      const parent = schemaAt(doc, op.body, l.path.slice(0, -1));
      return typeof l.path[l.path.length - 1] === 'string' && parent?.required?.includes(String(l.path[l.path.length - 1]));
    });
    const known = (path: Step[]) => Object.keys(schemaAt(doc, op.body, path)?.properties ?? {});

    const arbitraries: Array<fc.Arbitrary<Case>> = [
      // Wrong JSON type at any place.
      leaf.chain((l) => otherTypeValue(l.value).map((v) => make(`wrong type at ${l.path.join('.')}`, () => replaceAt(body, l.path, v)))),
      // Unknown fields, prototype-pollution keys included, at the root or in a nested object.
      fc.tuple(fc.constantFrom(...objects), fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ minLength: 1, maxLength: 30 }).map((s) => `x-${s}`)), fc.jsonValue({ maxDepth: 2 }))
        .filter(([path, key]) => !known(path).includes(key))
        .map(([path, key, value]) => make(`unknown field ${key} at ${path.join('.') || 'root'}`, () => {
          const copy = structuredClone(body) as Record<string, unknown>;
          let target = copy;
          for (const step of path) target = target[step as string] as Record<string, unknown>;
          setOwn(target, key, key === 'constructor' ? { prototype: { polluted: true } } : key === '__proto__' ? { polluted: true } : value);
          return copy;
        })),
      // Deep nesting in place of a value, up to a nesting no recursive walker survives.
      fc.tuple(leaf, fc.integer({ min: 20, max: 60_000 }), fc.constantFrom<'object' | 'array'>('object', 'array'))
        .map(([l, depth, kind]) => make(`${kind} nested ${depth} deep at ${l.path.join('.')}`, (raw) => replaceAt(body, l.path, raw.marker(deeplyNested(depth, kind))))),
      // A whole body that is not the object the endpoint takes.
      fc.constantFrom('null', '42', '"text"', '[]', '[{}]', 'true', '{"a":', '{', '}', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', 'NaN', '\u0000', '')
        .map((text) => rawCase(`body ${JSON.stringify(text)}`, text)),
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x')
        .map((type) => rawCase(`body as ${type}`, type.startsWith('application/x-www') ? 'a=1&b=%00' : 'a=1', type)),
      // Prototype pollution written as raw JSON at the root.
      fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":{"__proto__":{"polluted":true}}}')
        .map((text) => rawCase(`raw ${text}`, text)),
    ];
    if (requiredPaths.length) {
      arbitraries.push(fc.constantFrom(...requiredPaths).map((l) => make(`without ${l.path.join('.')}`, () => removeAt(body, l.path))));
    }
    if (numberLeaves.length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...numberLeaves), fc.constantFrom(...HOSTILE_NUMBERS)).map(([l, n]) => make(`${n} at ${l.path.join('.')}`, () => replaceAt(body, l.path, n))));
      arbitraries.push(fc.tuple(fc.constantFrom(...numberLeaves), fc.constantFrom(...HOSTILE_NUMBER_LITERALS))
        .map(([l, literal]) => make(`literal ${literal.slice(0, 12)} at ${l.path.join('.')}`, (raw) => replaceAt(body, l.path, raw.marker(literal)))));
    }
    if (stringLeaves.length) {
      const leafS = fc.constantFrom(...stringLeaves);
      // Longer than any text field may be (every text field has a maxLength: checked below).
      arbitraries.push(fc.tuple(leafS, fc.integer({ min: 2001, max: 200_000 })).map(([l, n]) => make(`${n} characters at ${l.path.join('.')}`, () => replaceAt(body, l.path, 'é'.repeat(n)))));
      arbitraries.push(fc.tuple(leafS, fc.constantFrom(...UNSTORABLE_TEXT)).map(([l, s]) => make(`unstorable ${JSON.stringify(s)} at ${l.path.join('.')}`, () => replaceAt(body, l.path, `${String(l.value)}${s}`))));
      arbitraries.push(fc.tuple(leafS, fc.constantFrom(...INVALID_UTF8)).map(([l, bytes]) => make(`bytes ${bytes.toString('hex')} at ${l.path.join('.')}`, (raw) =>
        replaceAt(body, l.path, raw.marker(Buffer.concat([Buffer.from(`"${String(l.value)}`), bytes, Buffer.from('"')]))))));
    }
    if (constrained.length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...constrained), fc.oneof(fc.constantFrom(...SQL_INJECTIONS), fc.constantFrom('', ' ', '..', '../x', 'a b', 'ǅ', '💥', 'x'.repeat(65))))
        .filter(([l, s]) => !(l.schema?.pattern && new RegExp(l.schema.pattern).test(s)) && !(l.schema?.enum ?? []).includes(s))
        .map(([l, s]) => make(`${JSON.stringify(s)} at ${l.path.join('.')}`, () => replaceAt(body, l.path, s))));
    }
    return fc.oneof(...arbitraries);
  }

  it('describes bounded text: every string field of every command body has a maximum length, a pattern, an enum or a format', () => {
    const unbounded: string[] = [];
    const visit = (schema: SchemaObject | undefined, where: string, depth: number) => {
      const s = resolve(doc, schema);
      if (!s || depth > 6) return;
      if (s.type === 'string' && !s.maxLength && !s.pattern && !s.enum && !s.format) unbounded.push(where);
      for (const [k, v] of Object.entries(s.properties ?? {})) visit(v, `${where}.${k}`, depth + 1);
      if (s.items) visit(s.items, `${where}[]`, depth + 1);
    };
    for (const op of bodyOps().filter((o) => o.path.startsWith('/orders'))) visit(op.body, `${op.method} ${op.path}`, 0);
    expect(unbounded).toEqual([]);
    expect(bodyOps().length).toBeGreaterThanOrEqual(18);
  });

  it('refuses every hostile body with a 4xx problem and writes nothing', async () => {
    for (const op of bodyOps()) {
      await fc.assert(
        fc.asyncProperty(hostileBody(op), async (c) => expectRefused(c, await send(c), INPUT)),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('refuses, on every field of every command, each class the issue names at least once (a sweep beside the random runs)', async () => {
    let cases = 0;
    const failures: string[] = [];
    const refused = async (c: Case) => {
      cases += 1;
      try {
        expectRefused(c, await send(c), INPUT);
      } catch (error) {
        failures.push((error as Error).message.slice(0, 300));
      }
    };
    for (const op of bodyOps()) {
      const { url, body } = base(op);
      const method = op.method.toUpperCase();
      const check = async (label: string, build: (raw: RawJson) => unknown) => {
        const raw = new RawJson();
        await refused({ label, method, url, payload: raw.bytes(build(raw)) });
      };
      for (const key of POLLUTING_KEYS) {
        await check(`key ${key}`, () => {
          const copy = structuredClone(body) as Record<string, unknown>;
          setOwn(copy, key, key === '__proto__' ? { polluted: true } : { prototype: { polluted: true } });
          return copy;
        });
      }
      for (const l of leaves(op, body)) {
        const at = l.path.join('.');
        await check(`nested 10000 deep at ${at}`, (raw) => replaceAt(body, l.path, raw.marker(deeplyNested(10_000, 'array'))));
        if (typeof l.value === 'string') {
          for (const text of UNSTORABLE_TEXT.slice(0, 3)) await check(`${JSON.stringify(text)} at ${at}`, () => replaceAt(body, l.path, `${String(l.value)}${text}`));
          await check(`bytes ff at ${at}`, (raw) => replaceAt(body, l.path, raw.marker(Buffer.concat([Buffer.from(`"${String(l.value)}`), INVALID_UTF8[0], Buffer.from('"')]))));
          await check(`long text at ${at}`, () => replaceAt(body, l.path, 'x'.repeat(70_000)));
        }
        if (typeof l.value === 'number') for (const n of [-1, 0.5, 2 ** 53]) await check(`${n} at ${at}`, () => replaceAt(body, l.path, n));
      }
    }
    // Free-text filters: text PostgreSQL cannot store is refused, not a 500.
    for (const op of operations.filter((o) => o.method === 'get' && o.queryParams.length)) {
      const { url } = base(op);
      for (const q of op.queryParams) {
        for (const text of ['a\u0000b', '\u0000']) {
          await refused({ label: `${JSON.stringify(text)} in ${q.name}`, method: 'GET', url: `${op.pathParams.length ? url : op.path}?${q.name}=${encodeURIComponent(text)}` });
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
    report('hostile-input', { sweepCases: cases });
  }, 120_000);

  it('refuses hostile path ids (SQL injection included) with a 4xx problem and writes nothing', async () => {
    const hostileIds = fc.oneof(
      fc.constantFrom(...SQL_INJECTIONS, ...UNSTORABLE_TEXT, '..', '.', '-x', '_x', 'a b', 'x'.repeat(65), 'x'.repeat(101), '💥', 'ǅ', 'a/b', 'a?b', 'a#b', 'a%b'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(s)),
    );
    const encode = (s: string) => {
      try {
        return encodeURIComponent(s);
      } catch {
        // An unpaired surrogate has no UTF-8 form: send the bytes a client could still put in a URL.
        return [...s].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
      }
    };
    const withParams = operations.filter((op) => op.pathParams.length);
    expect(withParams.length).toBeGreaterThanOrEqual(20);
    for (const op of withParams) {
      const { url: validUrl, body } = base(op);
      const validIds = new Map<string, string>();
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const validSegments = validUrl.split('/');
      op.path.split('/').forEach((segment, i) => {
        const m = /^\{(\w+)\}$/.exec(segment);
        if (m) validIds.set(m[1], validSegments[i]);
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), hostileIds, async (name, id) => {
          const url = fillPath(op, (n) => (n === name ? encode(id) : encodeURIComponent(validIds.get(n) ?? 'x1')));
          const c: Case = { label: `path ${name}=${JSON.stringify(id)}`, method: op.method.toUpperCase(), url, payload: op.method === 'get' ? undefined : Buffer.from(JSON.stringify(body)) };
          expectRefused(c, await send(c), INPUT_OR_UNKNOWN_ID);
        }),
        { numRuns: Math.max(10, Math.round(RUNS / 2)), seed: SEED, endOnFailure: true },
      );
    }
    // Malformed percent-encoding in a path.
    for (const url of ['/orders/%E0%A4%A', '/orders/%', '/orders/%zz/events', '/orders/%C0%AF', '/orders/a%00b']) {
      const c: Case = { label: 'malformed path', method: 'GET', url };
      expectRefused(c, await send(c), INPUT_OR_UNKNOWN_ID);
    }
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('answers hostile queries (SQL injection in every filter included) without a 5xx and writes nothing', async () => {
    const reads = operations.filter((op) => op.method === 'get' && op.queryParams.length);
    expect(reads.length).toBeGreaterThanOrEqual(5);
    const hostileValue = fc.oneof(
      fc.constantFrom(...SQL_INJECTIONS, ...UNSTORABLE_TEXT, '', '-1', '0', '1.5', '1e9', '99999999999999999999', 'null', 'true', '[]', '{}', 'x'.repeat(5000), '2026-02-30', '9999-99-99', '00000000000000000001-00000000000000000001'),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    for (const op of reads) {
      const { url } = base(op);
      const path = op.pathParams.length ? url : op.path;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.oneof(fc.constantFrom(...op.queryParams.map((q) => q.name)), fc.constantFrom('unknown', '__proto__', 'constructor', 'a[b]', 'status[]')), hostileValue), { minLength: 1, maxLength: 4 }),
          async (pairs) => {
            const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&');
            const c: Case = { label: `query ${query.slice(0, 120)}`, method: 'GET', url: `${path}?${query}` };
            const answer = await send(c);
            if (answer.status >= 200 && answer.status < 300) return; // a filter that matches nothing is a fine answer
            expectRefused(c, answer, (status, code) => INPUT_OR_UNKNOWN_ID(status, code) || code === 'projection_lagging');
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    // SQL injection in each filter on its own: a clean answer (2xx, or a 4xx problem), nothing changed.
    for (const op of reads) {
      const { url } = base(op);
      for (const q of op.queryParams) {
        for (const sql of SQL_INJECTIONS) {
          const c: Case = { label: `sql in ${q.name}`, method: 'GET', url: `${op.pathParams.length ? url : op.path}?${q.name}=${encodeURIComponent(sql)}` };
          const answer = await send(c, 'admin');
          if (answer.status >= 300) expectRefused(c, answer, INPUT_OR_UNKNOWN_ID);
        }
      }
    }
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('refuses a 10 MB body on every command with 413, and the body limit holds over a real socket too', async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 'a');
    const json = Buffer.concat([Buffer.from('{"x":"'), huge, Buffer.from('"}')]);
    for (const op of bodyOps()) {
      const c: Case = { label: '10 MB', method: op.method.toUpperCase(), url: base(op).url, payload: json };
      expectRefused(c, await send(c), (_, code) => code === 'payload_too_large');
    }
    const response = await t.http.post('/orders').set(t.as('service')).set('content-type', 'application/json').send(json.toString());
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('gives the same code to the same input, leaves Object.prototype clean, and stays healthy', async () => {
    expect(seen.length).toBeGreaterThan(100);
    const sample = seen.filter((_, i) => i % Math.ceil(seen.length / 60) === 0);
    for (const { c, status, code } of sample) {
      const again = await send(c);
      expect({ label: c.label, status: again.status, code: again.body?.code }).toEqual({ label: c.label, status, code });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(await counts()).toEqual(before);
    const codes = [...new Set(seen.map((s) => `${s.status} ${String(s.code)}`))].sort();
    report('hostile-input', { requests: sent, refusals: seen.length, operations: operations.length, seed: SEED, runsPerProperty: RUNS, codes });
  });
});
