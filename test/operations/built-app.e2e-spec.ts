/**
 * The built service (`npm run build`, `node dist/apps/api/src/main.js`) as a child process:
 * its request log lines, and its shutdown on SIGTERM under load, on an external database and on
 * the embedded one. Children are killed whatever happens (killChildren in afterEach).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, orderBody, TOKENS, uniqueId, type TestDatabase } from '@app/harness';
import { buildOnce, embeddedDatabaseUrl, killChildren, postgresProcessesFor, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { eventually } from './support/eventually';
import { placeAndPayUntilStopped, type Answer } from './support/load';

/** main.ts: the process is gone within 10 s of SIGTERM; past that the test fails. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** Child processes, an embedded PostgreSQL's initdb, two starts: more than jest's default. */
jest.setTimeout(120_000);

const PII = { email: 'zelda.pii+ops@example.org', name: 'Zelda Quartermain', line1: '742 Evergreen Terrace', city: 'Quartermainville' };
const WRONG_TOKEN = 'stolen-token-that-must-never-be-logged-0001';

const tempDirs: string[] = [];
const databases: TestDatabase[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-ops-'));
  tempDirs.push(dir);
  return dir;
};

beforeAll(() => buildOnce());
afterEach(() => killChildren());
afterAll(async () => {
  await killChildren();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

async function externalDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('ops_child');
  databases.push(db);
  return db;
}

async function stopWithin(app: ChildApp, ms: number) {
  app.process.kill('SIGTERM');
  return app.waitForExit(ms);
}

describe('request logs of the built service', () => {
  interface Sent { correlationId: string; method: string; path: string; route?: string; status: number }

  it('writes one JSON line per request with correlation id, method, route template, order id, status and duration, and no personal data or token', async () => {
    const app = await startChildApp({ databaseUrl: (await externalDatabase()).url, dataDir: tempDir() });
    const sent: Sent[] = [];
    const send = async (method: string, url: string, expected: { status: number; route?: string }, init: { token?: string; body?: string } = {}) => {
      const correlationId = uniqueId('log');
      const response = await fetch(`${app.url}${url}`, {
        method,
        headers: {
          'x-correlation-id': correlationId,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.token !== undefined ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body,
      });
      const text = await response.text();
      expect({ url, status: response.status, text }).toEqual({ url, status: expected.status, text: expect.any(String) });
      sent.push({ correlationId, method, path: url.split('?')[0], route: expected.route, status: expected.status });
      return text;
    };
    const withPii = (): Record<string, unknown> => {
      const body = orderBody();
      return {
        ...body,
        customer: { ...(body.customer as object), email: PII.email, name: PII.name },
        shippingAddress: { name: PII.name, line1: PII.line1, city: PII.city, postalCode: '69001', country: 'FR' },
      };
    };
    const first = withPii();
    const placed = JSON.parse(await send('POST', '/orders', { status: 201, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify(first) }));
    await send('POST', '/orders', { status: 201, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify(withPii()) });
    await send('POST', '/orders', { status: 409, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify({ ...first, channel: 'phone' }) });
    await send('POST', `/orders/${String(first.orderId)}/payment/confirm`, { status: 422, route: '/orders/:orderId/payment/confirm' }, {
      token: TOKENS.service, body: JSON.stringify({ transactionId: 'tx-1', amount: 1 }),
    });
    const invalid = { ...withPii(), customer: { id: 'c-1', email: `${PII.name} <${PII.email}>`, name: PII.name, registered: true } };
    await send('POST', '/orders', { status: 400, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify(invalid) });
    await send('POST', '/orders', { status: 400, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify(withPii()).slice(0, 200) });
    await send('POST', '/orders', { status: 413, route: '/orders' }, { token: TOKENS.service, body: JSON.stringify({ ...withPii(), padding: PII.line1.repeat(60_000) }) });
    await send('POST', '/orders', { status: 401, route: '/orders' }, { token: WRONG_TOKEN, body: JSON.stringify(withPii()) });
    await send('POST', '/orders', { status: 403, route: '/orders' }, { token: TOKENS.auditor, body: JSON.stringify(withPii()) });
    await send('GET', `/orders/${String(first.orderId)}?minPosition=${placed.position}`, { status: 200, route: '/orders/:orderId' }, { token: TOKENS.service });
    await send('GET', `/orders?customerId=${encodeURIComponent(PII.email)}`, { status: 200, route: '/orders' }, { token: TOKENS.service });
    await send('GET', '/orders/no-such-order', { status: 404, route: '/orders/:orderId' }, { token: TOKENS.admin });
    await send('GET', '/no-such-route', { status: 404 }, {});

    expect(await stopWithin(app, SHUTDOWN_DEADLINE_MS)).toEqual({ code: 0, signal: null });
    const lines = app.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const request of sent) {
      const requestLines = lines.filter((line) => line.correlationId === request.correlationId && 'res' in line);
      // Exactly these fields: a new one in the request line must be reviewed for personal data.
    expect({ request, lines: requestLines }).toEqual({
        request,
        lines: [{
          level: expect.any(Number), time: expect.any(Number), pid: expect.any(Number), hostname: expect.any(String),
          correlationId: request.correlationId,
          // The route template, never the path as sent; the order id when the route has one.
          req: { method: request.method },
          res: { statusCode: request.status },
          responseTime: expect.any(Number),
          route: request.route ?? 'unmatched',
          ...(request.route?.startsWith('/orders/:orderId') ? { orderId: request.path.split('?')[0].split('/')[2] } : {}),
          msg: expect.any(String),
          ...(request.status >= 500 ? { err: expect.anything() } : {}),
        }],
      });
    }
    const output = app.stdout() + app.stderr();
    for (const secret of [...Object.values(PII), ...Object.values(TOKENS), WRONG_TOKEN, encodeURIComponent(PII.email)]) {
      expect({ secret, logged: output.includes(secret) }).toEqual({ secret, logged: false });
    }
  });
});

describe('graceful shutdown of the built service', () => {
  /** Every 2xx answer's events are in the store, at the revisions it answered. */
  async function expectStored(databaseUrl: string, answers: Answer[]): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const answer of answers) {
        const { rows } = await client.query<{ type: string }>(
          'SELECT type FROM events WHERE stream_id = $1 AND stream_revision > $2 AND stream_revision <= $3 ORDER BY stream_revision',
          [`order-${answer.orderId}`, answer.revision - answer.events.length, answer.revision],
        );
        expect({ answer, stored: rows.map((r) => r.type) }).toEqual({ answer, stored: answer.events });
      }
    } finally {
      await client.end();
    }
  }

  it('on an external database: stops taking requests, answers those in flight, stores every answered command, stops the projections and exits 0', async () => {
    const db = await externalDatabase();
    const app = await startChildApp({ databaseUrl: db.url, dataDir: tempDir() });
    let exit: Awaited<ReturnType<ChildApp['waitForExit']>> | undefined;
    const answers = await placeAndPayUntilStopped(app.url, 20, async () => {
      exit = await stopWithin(app, SHUTDOWN_DEADLINE_MS);
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(answers.length).toBeGreaterThanOrEqual(20);
    await expectStored(db.url, answers);
    // The runners committed or abandoned their batch and wrote their state on the way out.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string; state: string }>('SELECT name, state FROM projection_checkpoints ORDER BY name');
    await client.end();
    expect(rows.map((r) => [r.name, r.state])).toEqual([['after-sales-report', 'stopped'], ['finance', 'stopped'], ['order-status', 'stopped'], ['sla-timers', 'stopped']]);
  });

  it('the projector process (MODE=projector): stops its runners and exits 0', async () => {
    const db = await externalDatabase();
    const projector = await startChildApp({ databaseUrl: db.url, dataDir: tempDir(), projector: true });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const states = async () => (await client.query<{ state: string }>('SELECT state FROM projection_checkpoints ORDER BY name')).rows.map((r) => r.state);
      await eventually(async () => expect(await states()).toEqual(['running', 'running', 'running', 'running']));
      expect(await stopWithin(projector, SHUTDOWN_DEADLINE_MS)).toEqual({ code: 0, signal: null });
      expect(await states()).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);
    } finally {
      await client.end();
    }
  });

  it('on the embedded database: also stops its PostgreSQL, and a second start reuses the data', async () => {
    const dataDir = tempDir();
    const app = await startChildApp({ dataDir });
    let exit: Awaited<ReturnType<ChildApp['waitForExit']>> | undefined;
    const answers = await placeAndPayUntilStopped(app.url, 20, async () => {
      exit = await stopWithin(app, SHUTDOWN_DEADLINE_MS);
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const again = await startChildApp({ dataDir });
    await expectStored(embeddedDatabaseUrl(dataDir), answers);
    expect(await stopWithin(again, SHUTDOWN_DEADLINE_MS)).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });
});
