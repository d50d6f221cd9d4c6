/**
 * Realistic orders for the benches, two ways:
 *  - `seedViaHttp`: through the real write path (HTTP against a running service). Each order's
 *    story is chosen from what it looks like (harness/order-lifecycle.ts, the
 *    same chooser the random-commands e2e test uses), simulated locally to pick the next
 *    command; the service decides for real. A refusal ends that order's story.
 *  - `seedViaStore`: straight through the EventStore port (decided by the real domain with
 *    metadata and hash chain, like fillStore, orders interleaved like live traffic): ~10× faster,
 *    for volume. It skips the service's own steps (personal-data sealing, idempotency records).
 *    Business time starts two hours ago and moves by minutes, so the SLA timers it starts are
 *    due in the future: a running service's scheduler does not pounce on thousands of seeded
 *    orders at once (fillStore's fixed 2026-03-02 dates would all be overdue).
 */
import { Pool } from 'pg';
import { runMigrations } from '@app/database';
import { eventStoreMigrations, orderStream, PostgresEventStore, WrongExpectedRevisionError, type EventStore } from '@app/event-store';
import { commandToHttp, nextCommand, placeOrderCommand, seededRng, type Rng } from '@app/harness/order-lifecycle';
import { SimulatedOrder } from '@app/harness/simulated-order';
import type { HttpClient } from './http';

export interface SeedResult {
  via: 'http' | 'store';
  orders: number;
  commands: number;
  events: number;
  refused: number;
  seconds: number;
}

const MAX_STEPS = 30;

export async function seedViaHttp(http: HttpClient, options: { orders: number; concurrency: number; prefix: string; seed?: number; deadlineMs?: number; onProgress?: (r: SeedResult) => void }): Promise<SeedResult> {
  const rng = seededRng(options.seed ?? 2026);
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? 30 * 60_000);
  const result: SeedResult = { via: 'http', orders: 0, commands: 0, events: 0, refused: 0, seconds: 0 };
  let next = 0;
  let lastPrint = Date.now();
  const worker = async () => {
    while (next < options.orders && Date.now() < deadline) {
      next += 1;
      const order = new SimulatedOrder(`${options.prefix}-${next}`);
      result.orders += 1;
      for (let step = 0; step < MAX_STEPS && Date.now() < deadline; step += 1) {
        const command = order.state.exists ? nextCommand(order.view, rng, order.nextId) : placeOrderCommand(rng, order.orderId);
        if (!command) break;
        const local = order.decide(command, new Date());
        if (!local) continue; // the domain refuses it: choose again
        const { path, body } = commandToHttp(command);
        const res = await http.request('POST', path, body);
        if (res.status >= 300) {
          result.refused += 1;
          break;
        }
        result.commands += 1;
        result.events += (JSON.parse(res.body) as { events: string[] }).events.length;
      }
      if (options.onProgress && Date.now() - lastPrint > 2_000) {
        lastPrint = Date.now();
        options.onProgress({ ...result, seconds: (Date.now() - started) / 1000 });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  return result;
}

export async function seedViaStore(databaseUrl: string, options: { orders: number; concurrency: number; prefix: string; seed?: number; onProgress?: (events: number) => void }): Promise<SeedResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.concurrency });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool);
  const started = Date.now();
  try {
    await runMigrations(pool, eventStoreMigrations);
    const before = await streamCount(pool, options.prefix);
    const events = await fillNow(store, {
      orders: options.orders,
      rng: seededRng(options.seed ?? 2026),
      prefix: options.prefix,
      active: Math.min(2_000, options.orders),
      concurrency: options.concurrency,
      onProgress: options.onProgress,
    });
    const orders = (await streamCount(pool, options.prefix)) - before;
    return { via: 'store', orders, commands: -1, events, refused: 0, seconds: Math.round((Date.now() - started) / 100) / 10 };
  } finally {
    await store.close();
    await pool.end();
  }
}

async function streamCount(pool: Pool, prefix: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM streams WHERE stream_id >= $1 AND stream_id < $2`, [`order-${prefix}-`, `order-${prefix}.`]);
  return Number(rows[0].n);
}

/**
 * fillStore's loop (harness/fill-store.ts) with business time near now: `active`
 * orders in flight, `concurrency` of them stepping at once (one append each), a random one
 * picked each time so their events interleave. An append that loses a race (a running service's
 * scheduler acted on the order) ends that order's story. Answers the events appended.
 */
async function fillNow(store: EventStore, options: { orders: number; rng: Rng; prefix: string; active: number; concurrency: number; onProgress?: (events: number) => void }): Promise<number> {
  const { rng } = options;
  const start = Date.now() - 2 * 3_600_000;
  type Live = { order: SimulatedOrder; steps: number; clock: number };
  const live: Live[] = [];
  let started = 0;
  let appended = 0;
  const step = async (entry: Live): Promise<boolean> => {
    entry.clock += Math.floor(rng() * 10 * 60_000) + 30_000;
    const command = entry.order.state.exists ? nextCommand(entry.order.view, rng, entry.order.nextId) : placeOrderCommand(rng, entry.order.orderId);
    entry.steps += 1;
    if (!command || entry.steps > MAX_STEPS) return false;
    const expected = entry.order.expected;
    const events = entry.order.decide(command, new Date(Math.min(entry.clock, Date.now())));
    if (!events) return true;
    try {
      await store.append(orderStream(entry.order.orderId), events, expected);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
    appended += events.length;
    return true;
  };
  for (let rounds = 0; (started < options.orders || live.length) && rounds < options.orders * (MAX_STEPS + 2); rounds += 1) {
    while (live.length < options.active && started < options.orders) {
      started += 1;
      live.push({ order: new SimulatedOrder(`${options.prefix}-${started}`), steps: 0, clock: start + Math.floor((started / options.orders) * 3_600_000) });
    }
    const chosen = new Set<Live>();
    while (chosen.size < Math.min(options.concurrency, live.length)) chosen.add(live[Math.floor(rng() * live.length)]);
    const results = await Promise.all([...chosen].map(async (entry) => ({ entry, more: await step(entry) })));
    for (const { entry, more } of results) if (!more) live.splice(live.indexOf(entry), 1);
    options.onProgress?.(appended);
  }
  return appended;
}
