/**
 * Retries: every command endpoint sent with an Idempotency-Key, first by several callers at
 * once through two app processes on one database (nobody has an answer yet), then retried
 * one after another, then after a restart of the app on the same database, then once more after
 * the idempotency records are gone (a crash between the append and the record): each time the
 * first answer again, and the events appended once. The same key with another body is refused.
 */
import { createTestDatabase, DEFAULT_TOTAL, orderBody, type TestDatabase } from '@app/harness';
import { Pool } from 'pg';
import { bearer, startTestApp, type TestApp } from '@app/harness';
import { call, RELIABILITY_ENV, report, type HttpAnswer } from './support/http';


interface Step {
  path: string;
  body: Record<string, unknown>;
  /** Another valid body for the same command: the same key with it must be refused. */
  other?: Record<string, unknown>;
  status?: number;
}

const RUN = Date.now().toString(36);

/** `/orders/a-1/returns/r-1/approve` → `/orders/{orderId}/returns/{returnId}/approve`. */
const templateOf = (path: string) => path.replace(/^\/orders\/[^/]+/, '/orders/{orderId}')
  .replace(/\/lines\/[^/]+\//, '/lines/{lineId}/').replace(/\/returns\/[^/]+\//, '/returns/{returnId}/').replace(/\/complaints\/[^/]+\//, '/complaints/{complaintId}/');

function script(): Step[] {
  const a = `idem-a-${RUN}`;
  const b = `idem-b-${RUN}`;
  const c = `idem-c-${RUN}`;
  const d = `idem-d-${RUN}`;
  const placed = orderBody({ orderId: a });
  const { orderId: _none, ...withoutId } = orderBody();
  return [
    { path: '/orders', body: placed, other: { ...placed, channel: 'app' }, status: 201 },
    { path: `/orders/${a}/payment/confirm`, body: { transactionId: 'tx-1', amount: DEFAULT_TOTAL }, other: { transactionId: 'tx-2', amount: DEFAULT_TOTAL } },
    { path: `/orders/${a}/shipments`, body: { shipmentId: 's-1', lineIds: ['1'], carrier: 'UPS', trackingNumber: 'T1' }, other: { shipmentId: 's-9', lineIds: ['1'], carrier: 'UPS', trackingNumber: 'T1' } },
    { path: `/orders/${a}/shipments`, body: { shipmentId: 's-2', lineIds: ['2'], carrier: 'UPS', trackingNumber: 'T2' } },
    { path: `/orders/${a}/lines/1/delivered`, body: {} },
    { path: `/orders/${a}/lines/2/delivery-failed`, body: { reason: 'lost' }, other: { reason: 'damaged' } },
    { path: `/orders/${a}/replacements`, body: { shipmentId: 's-3', lineIds: ['2'], carrier: 'DHL', trackingNumber: 'R1' } },
    { path: `/orders/${a}/lines/2/delivered`, body: {} },
    { path: `/orders/${a}/returns`, body: { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' } },
    { path: `/orders/${a}/returns/r-1/approve`, body: {} },
    { path: `/orders/${a}/returns/r-1/dispatch`, body: { carrier: 'UPS', trackingNumber: 'B1', shippingCost: 695 } },
    { path: `/orders/${a}/returns/r-1/receive`, body: { inspection: 'passed' } },
    { path: `/orders/${a}/refunds`, body: { refundId: 'rf-1', reason: 'return', returnId: 'r-1', destination: 'original' } },
    { path: `/orders/${a}/receipt`, body: { lineIds: ['2'] } },
    { path: `/orders/${a}/returns`, body: { returnId: 'r-2', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'refund' } },
    { path: `/orders/${a}/returns/r-2/reject`, body: { reason: 'worn' } },
    { path: `/orders/${a}/returns`, body: { returnId: 'r-3', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'repair' } },
    { path: `/orders/${a}/returns/r-3/approve`, body: {} },
    { path: `/orders/${a}/returns/r-3/dispatch`, body: { carrier: 'UPS', trackingNumber: 'B3', shippingCost: 0 } },
    { path: `/orders/${a}/returns/r-3/receive`, body: { inspection: 'passed' } },
    { path: `/orders/${a}/returns/r-3/repaired`, body: { shipmentId: 's-4', carrier: 'DHL', trackingNumber: 'R3' }, other: { shipmentId: 's-5', carrier: 'DHL', trackingNumber: 'R3' } },
    { path: `/orders/${a}/complaints`, body: { complaintId: 'cmp-1', category: 'delivery', message: 'late' }, other: { complaintId: 'cmp-1', category: 'delivery', message: 'very late' } },
    { path: `/orders/${a}/complaints/cmp-1/respond`, body: { message: 'sorry' } },
    { path: `/orders/${a}/complaints/cmp-1/resolve`, body: { resolution: 'voucher' } },
    { path: `/orders/${a}/complaints/cmp-1/feedback`, body: { satisfied: true }, other: { satisfied: false } },
    { path: '/orders', body: orderBody({ orderId: b }), status: 201 },
    { path: `/orders/${b}/payment/fail`, body: { reason: 'card declined' } },
    { path: '/orders', body: orderBody({ orderId: c }), status: 201 },
    { path: `/orders/${c}/cancel`, body: { reason: 'customer_request', by: 'customer' } },
    { path: '/orders', body: orderBody({ orderId: d }), status: 201 },
    {
      path: `/orders/${d}/edits`,
      body: { editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 3 }] },
      other: { editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 1 }] },
    },
    { path: `/orders/${d}/lines/2/cancel`, body: { reason: 'out_of_stock' }, other: { reason: 'cannot_fulfil' } },
    // No orderId: the server makes one from the key, so a retry lands on the same order.
    { path: '/orders', body: withoutId, status: 201 },
  ];
}

describe('idempotent retries of every command', () => {
  let db: TestDatabase;
  let pool: Pool;
  let apps: TestApp[] = [];
  const steps = script();
  const keys = steps.map((_, i) => `key-${RUN}-${i}`);
  const firstAnswers: HttpAnswer[] = [];
  let requests = 0;

  const send = (app: TestApp, step: Step, key: string, body = step.body) => {
    requests += 1;
    return call(app.baseUrl, 'POST', step.path, { headers: { ...bearer('service'), 'idempotency-key': key }, body });
  };
  const eventCount = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
  const same = (answer: HttpAnswer) => ({ status: answer.status, body: answer.body });

  beforeAll(async () => {
    db = await createTestDatabase('rel_retries');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    apps = [await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, listen: true }), await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, mode: 'api', listen: true })];
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close().catch(() => undefined)));
    await pool?.end();
    await db?.drop();
  });

  it('covers every command endpoint the app publishes', async () => {
    const docs = await call(apps[0].baseUrl, 'GET', '/docs-json', { headers: bearer('service') });
    const commands = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
      // Rotating a tracking link appends no event and is meant to change the link each time (docs/tracking.md).
      .filter(([path, ops]) => 'post' in ops && path.startsWith('/orders') && !path.endsWith('/tracking-link/rotate'))
      .map(([path]) => path);
    const covered = new Set(steps.map((s) => templateOf(s.path)));
    expect(commands.filter((p) => !covered.has(p))).toEqual([]);
  });

  it('answers concurrent first attempts through two processes alike, and sequential retries with the first answer', async () => {
    for (const [i, step] of steps.entries()) {
      const before = await eventCount();
      // Six callers with the same key at once, three on each process: nobody has an answer yet.
      const racing = await Promise.all(Array.from({ length: 6 }, (_, n) => send(apps[n % 2], step, keys[i])));
      const first = racing[0];
      if (first.status !== (step.status ?? 200)) throw new Error(`${step.path}: ${first.status} ${first.text}`);
      for (const answer of racing) expect(same(answer)).toEqual(same(first));
      firstAnswers.push(first);
      const appended = first.body.events.length;
      expect(await eventCount()).toBe(before + appended);

      for (let retry = 0; retry < 2; retry += 1) expect(same(await send(apps[retry % 2], step, keys[i]))).toEqual(same(first));
      // Retried concurrently once an answer exists.
      const again = await Promise.all(Array.from({ length: 6 }, (_, n) => send(apps[n % 2], step, keys[i])));
      for (const answer of again) expect(same(answer)).toEqual(same(first));
      if (step.other) {
        const reused = await send(apps[0], step, keys[i], step.other);
        expect(reused.status).toBe(422);
        expect(reused.body.code).toBe('idempotency_key_reused');
      }
      expect(await eventCount()).toBe(before + appended);
    }
  }, 120_000);

  it('answers every retry with the first answer after a restart on the same database, even without the idempotency records', async () => {
    const before = await eventCount();
    await Promise.all(apps.splice(0).map((a) => a.close()));
    apps.push(await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, listen: true }));
    for (const [i, step] of steps.entries()) expect(same(await send(apps[0], step, keys[i]))).toEqual(same(firstAnswers[i]));

    // As if the process had died between the append and writing the record: the stream answers.
    const { rowCount } = await pool.query('DELETE FROM idempotency_records');
    expect(rowCount).toBeGreaterThanOrEqual(steps.length);
    for (const [i, step] of steps.entries()) expect(same(await send(apps[0], step, keys[i]))).toEqual(same(firstAnswers[i]));
    // And concurrently, after a second restart.
    await pool.query('DELETE FROM idempotency_records');
    await apps.splice(0)[0].close();
    apps.push(await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, listen: true }), await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, mode: 'api', listen: true }));
    const concurrent = await Promise.all(steps.map((step, i) => send(apps[i % 2], step, keys[i])));
    concurrent.forEach((answer, i) => expect(same(answer)).toEqual(same(firstAnswers[i])));
    expect(await eventCount()).toBe(before);
  }, 120_000);

  it('appended each command exactly once: its events carry its key, once, at consecutive revisions', async () => {
    const { rows } = await pool.query<{ key: string; n: string; streams: string; revisions: string[] }>(
      `SELECT metadata->>'idempotencyKey' AS key, count(*) AS n, count(DISTINCT stream_id) AS streams, array_agg(stream_revision::text ORDER BY stream_revision) AS revisions
         FROM events GROUP BY 1`,
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    steps.forEach((_, i) => {
      const row = byKey.get(keys[i]);
      const answer = firstAnswers[i].body;
      expect({ key: keys[i], n: Number(row?.n), streams: Number(row?.streams) }).toEqual({ key: keys[i], n: answer.events.length, streams: 1 });
      const last = Number(row!.revisions[row!.revisions.length - 1]);
      expect(last).toBe(answer.revision);
      expect(row!.revisions.map(Number)).toEqual(answer.events.map((_: unknown, k: number) => answer.revision - answer.events.length + 1 + k));
    });
    const total = await eventCount();
    expect(total).toBe(firstAnswers.reduce((sum, a) => sum + a.body.events.length, 0));
    report('idempotent-retries', { endpoints: new Set(steps.map((s) => templateOf(s.path))).size, commands: steps.length, requests, eventsChecked: total, restarts: 2 });
  });
});
