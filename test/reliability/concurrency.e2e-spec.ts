/**
 * Concurrency: 50 valid commands at once on one order (through one process, then split across
 * two processes so the expected-revision check and the re-decision do the work), and thousands
 * of commands across hundreds of orders through two processes while the projector runs. Checked
 * against the event store: no lost update, no duplicate event, no projection gap.
 */
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, DEFAULT_TOTAL, orderBody, type TestDatabase } from '@app/harness';
import { Pool } from 'pg';
import { bearer, startTestApp, type TestApp } from '@app/harness';
import { call, RELIABILITY_ENV, pooled, readOwnWrite, report, type HttpAnswer } from './support/http';
import { allEvents, expectReadModelsReflectStore, waitForProjections } from './support/store-checks';


const RUN = Date.now().toString(36);
const ORDERS = Number(process.env.RELIABILITY_ORDERS ?? 240);

interface Answered {
  path: string;
  orderId: string;
  revision: number;
  position: string;
  events: string[];
}

describe('concurrent commands: nothing lost, nothing twice, no projection gap', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let apps: TestApp[];
  const answered: Answered[] = [];
  let sent = 0;

  beforeAll(async () => {
    db = await createTestDatabase('rel_concurrency');
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
    // One process runs API and projector (MODE=all), the other only the API.
    apps = [await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, listen: true }), await startTestApp(RELIABILITY_ENV, { databaseUrl: db.url, mode: 'api', listen: true })];
  }, 60_000);

  afterAll(async () => {
    await Promise.all((apps ?? []).map((a) => a.close().catch(() => undefined)));
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  async function post(app: TestApp, path: string, body: unknown, expected = 200): Promise<HttpAnswer> {
    sent += 1;
    const answer = await call(app.baseUrl, 'POST', path, { headers: bearer('service'), body });
    if (answer.status !== expected) throw new Error(`${path}: expected ${expected}, got ${answer.status} ${answer.text}`);
    answered.push({ path, ...answer.body });
    return answer;
  }

  /** Placed, paid and shipped, with `lines` lines: ready for 50 independent commands. */
  async function shippedOrder(orderId: string, lines: number): Promise<void> {
    const body = orderBody({
      orderId,
      lines: Array.from({ length: lines }, (_, i) => ({ lineId: String(i + 1), sku: `SKU-${i}`, name: `Item ${i}`, quantity: 1, unitPrice: 100, category: 'physical' })),
    });
    await post(apps[0], '/orders', body, 201);
    await post(apps[0], `/orders/${orderId}/payment/confirm`, { transactionId: 'tx', amount: lines * 100 + 500 + 150 });
    await post(apps[0], `/orders/${orderId}/shipments`, { shipmentId: 's-1', lineIds: Array.from({ length: lines }, (_, i) => String(i + 1)), carrier: 'UPS', trackingNumber: 'T' });
  }

  async function fiftyAtOnce(orderId: string, through: TestApp[]): Promise<void> {
    await shippedOrder(orderId, 25);
    const commands = [
      ...Array.from({ length: 25 }, (_, i) => [`/orders/${orderId}/lines/${i + 1}/delivered`, {}] as const),
      ...Array.from({ length: 25 }, (_, i) => [`/orders/${orderId}/complaints`, { complaintId: `cmp-${i}`, category: 'delivery', message: `m${i}` }] as const),
    ];
    const answers = await Promise.all(commands.map(([path, body], i) => post(through[i % through.length], path, body)));
    // Each one appended once, at its own revision: the 50 revisions after the first three.
    const revisions = answers.map((a) => a.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 3));
    const { rows } = await pool.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM events WHERE stream_id = $1 GROUP BY type', [`order-${orderId}`]);
    expect(Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]))).toEqual({
      OrderPlaced: 1, PaymentConfirmed: 1, ShipmentDispatched: 1, ItemDelivered: 25, ComplaintOpened: 25,
    });
    // The read model has all of them (read-your-writes on the last position).
    const last = answers.reduce((max, a) => (store.comparePositions(a.body.position, max) > 0 ? a.body.position : max), answers[0].body.position);
    const view = await readOwnWrite(apps[0].baseUrl, `/orders/${orderId}`, last, bearer('service'));
    expect(view.status).toBe(200);
    expect(view.body.revision).toBe(52);
    expect(view.body.lines.every((l: { status: string }) => l.status === 'delivered')).toBe(true);
    expect(view.body.complaints).toHaveLength(25);
  }

  it('takes 50 concurrent commands on one order in one process: all succeed, each appended once', async () => {
    await fiftyAtOnce(`one-${RUN}`, [apps[0]]);
  });

  it('takes 50 concurrent commands on one order split across two processes: all succeed, each appended once', async () => {
    await fiftyAtOnce(`two-${RUN}`, apps);
  });

  it(`takes thousands of commands across ${ORDERS} orders with the projector running: every answer is in the store, the read models miss nothing`, async () => {
    const lifecycle = async (n: number) => {
      const orderId = `many-${RUN}-${n}`;
      const app = (k: number) => apps[(n + k) % 2];
      await post(app(0), '/orders', orderBody({ orderId }), 201);
      await post(app(1), `/orders/${orderId}/payment/confirm`, { transactionId: `tx-${n}`, amount: DEFAULT_TOTAL });
      if (n % 5 === 0) {
        await post(app(0), `/orders/${orderId}/cancel`, { reason: 'customer_request', by: 'customer' });
        await post(app(1), `/orders/${orderId}/refunds`, { refundId: 'rf-c', reason: 'cancellation', destination: 'original' });
        return;
      }
      await post(app(0), `/orders/${orderId}/shipments`, { shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: `T${n}` });
      // Three at once on this order, through both processes.
      await Promise.all([
        post(app(0), `/orders/${orderId}/lines/1/delivered`, {}),
        post(app(1), `/orders/${orderId}/lines/2/delivered`, {}),
        post(app(0), `/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }),
      ]);
      await post(app(1), `/orders/${orderId}/returns`, { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' });
      await post(app(0), `/orders/${orderId}/returns/r-1/approve`, {});
      await post(app(1), `/orders/${orderId}/returns/r-1/dispatch`, { carrier: 'UPS', trackingNumber: `B${n}`, shippingCost: 695 });
      await post(app(0), `/orders/${orderId}/returns/r-1/receive`, { inspection: 'passed' });
      await post(app(1), `/orders/${orderId}/refunds`, { refundId: 'rf-1', reason: 'return', returnId: 'r-1', destination: 'original' });
    };
    const before = answered.length;
    await pooled(24, Array.from({ length: ORDERS }, (_, n) => () => lifecycle(n)));
    const commands = answered.length - before;
    expect(commands).toBeGreaterThan(ORDERS * 5);

    await waitForProjections(pool, store);
    const figures = await expectReadModelsReflectStore(pool, store);

    // Every answered command is in the store, where its answer says; nothing else is.
    const events = await allEvents(store);
    const at = new Map(events.map((e) => [`${e.streamId}@${e.revision}`, e]));
    const missing: string[] = [];
    for (const a of answered) {
      a.events.forEach((type, k) => {
        const revision = a.revision - a.events.length + 1 + k;
        const event = at.get(`order-${a.orderId}@${revision}`);
        if (!event || event.type !== type) missing.push(`${a.path} ${type}@${revision}`);
        if (event && k === a.events.length - 1 && event.position !== a.position) missing.push(`${a.path}: answered ${a.position}, stored ${event.position}`);
      });
    }
    expect(missing).toEqual([]);
    const answeredEvents = answered.reduce((sum, a) => sum + a.events.length, 0);
    expect(events.length).toBe(answeredEvents);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    const { rows } = await pool.query<{ name: string; events_applied: string }>('SELECT name, events_applied::text AS events_applied FROM projection_checkpoints');
    for (const row of rows) expect({ name: row.name, applied: Number(row.events_applied) }).toEqual({ name: row.name, applied: events.length });
    report('concurrency', { requests: sent, commandsAnswered: answered.length, ordersInBulk: ORDERS, commandsInBulk: commands, eventsChecked: figures.events, orders: figures.orders, refunds: figures.refunds });
  }, 180_000);
});
