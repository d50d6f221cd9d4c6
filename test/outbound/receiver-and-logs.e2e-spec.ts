/**
 * The example receiver of docs/outbound.md (docs/examples/webhook-receiver.mjs), run as its own
 * Node process, verifies and accepts what the real service sends (and refuses a wrong secret);
 * the service, run at LOG_LEVEL=debug through a whole subscription's life (creation, delivery,
 * failures, rotation), never writes a webhook secret into its logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, uniqueId, bearer, type TestDatabase } from '@app/harness';
import { buildOnce, freePort, killChildren, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { writeOrders } from './support/log-writer';
import { startReceiver, type Receiver } from './support/receiver';

const EXAMPLE = path.resolve(__dirname, '../../docs/examples/webhook-receiver.mjs');

describe('the example receiver, and secrets in logs', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: ChildApp;
  const processes: ChildProcess[] = [];
  let failing: Receiver;

  beforeAll(async () => {
    await buildOnce();
    db = await createTestDatabase('outbound_logs');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    app = await startChildApp({ databaseUrl: db.url, env: { LOG_LEVEL: 'debug' } });
    failing = await startReceiver();
  }, 180_000);
  afterAll(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await failing?.close();
    await killChildren();
    await pool?.end();
    await db?.drop();
  });

  const admin = (route: string, body: unknown = {}) =>
    fetch(`${app.url}${route}`, { method: 'POST', headers: { ...bearer('admin'), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function exampleReceiver(secret: string, port: number): Promise<() => string> {
    const child = spawn(process.execPath, [EXAMPLE], { env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    processes.push(child);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 200 && !(await fetch(url, { method: 'POST', body: '{}' }).then(() => true, () => false)); i += 1) await new Promise((r) => setTimeout(r, 50));
    return () => output;
  }

  async function subscribe(port: number): Promise<{ id: string; secret: string }> {
    const id = uniqueId('example');
    const created = await admin('/subscriptions', { subscriptionId: id, sink: { type: 'webhook', url: `http://127.0.0.1:${port}/` } });
    expect(created.status).toBe(201);
    return { id, secret: ((await created.json()) as { secret: string }).secret };
  }

  it('accepts the signed webhooks of the service, in order per order; with another secret it refuses them', async () => {
    const [rightPort, wrongPort] = [await freePort(), await freePort()];
    const right = await subscribe(rightPort);
    const wrong = await subscribe(wrongPort);
    const accepted = await exampleReceiver(right.secret, rightPort);
    await exampleReceiver(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, wrongPort);
    const written = await writeOrders(new PostgresEventStore(pool), 3, 3, 2, uniqueId('o'));
    await waitFor(async () => accepted().trim().split('\n').length === 9);
    for (const { orderId } of written) {
      const lines = accepted().trim().split('\n').filter((line) => line.startsWith(`${orderId} `));
      expect(lines.map((line) => line.split(' ')[1])).toEqual(['#0', '#1', '#2']);
    }
    await waitFor(async () => {
      const body = (await (await fetch(`${app.url}/subscriptions/${wrong.id}/deliveries?state=dead`, { headers: bearer('admin') })).json()) as { items: Array<{ statusCode: number }> };
      return body.items.some((d) => d.statusCode === 401);
    });
  });

  it('never logs a webhook secret', async () => {
    failing.answer((_, i) => (i % 2 ? { status: 500, body: 'boom' } : { status: 200 }));
    const response = await admin('/subscriptions', { subscriptionId: uniqueId('logs'), sink: { type: 'webhook', url: failing.url } });
    const { secret, subscriptionId } = (await response.json()) as { secret: string; subscriptionId: string };
    const { secret: rotated } = (await (await admin(`/subscriptions/${subscriptionId}/rotate-secret`)).json()) as { secret: string };
    await writeOrders(new PostgresEventStore(pool), 2, 3, 2, uniqueId('o'));
    await failing.waitFor(() => failing.received.length >= 4);
    const output = app.output();
    expect(output.length).toBeGreaterThan(0);
    for (const s of [secret, rotated]) {
      expect(output).not.toContain(s);
      expect(output).not.toContain(s.slice('whsec_'.length));
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
