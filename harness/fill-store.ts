/** Fills a store with random order lifecycles through the port, interleaved like real traffic. */
import type { EventStore, NewEvent } from '@app/event-store';
import { nextCommand, placeOrderCommand, type Rng } from './order-lifecycle';
import { SimulatedOrder } from './simulated-order';

export interface FillOptions {
  orders: number;
  rng: Rng;
  /** Orders in flight at once: their events interleave in the global log. */
  active?: number;
  /** Stop once this many events are appended (the benchmark's --events). */
  maxEvents?: number;
  prefix?: string;
  /** Appends running concurrently (different orders). */
  concurrency?: number;
  /**
   * Commands of one order decided in a row and appended together (default 1). Fewer, larger
   * appends fill a benchmark's store faster; the log holds the same kind of events.
   */
  commandsPerAppend?: number;
  onProgress?: (events: number) => void;
}

const START = Date.parse('2026-03-02T09:00:00.000Z');
const MAX_STEPS = 30;

/** Answers the number of events appended. Each order's events advance a business clock by minutes to hours. */
export async function fillStore(store: EventStore, options: FillOptions): Promise<number> {
  const { rng } = options;
  const prefix = options.prefix ?? 'o';
  const activeLimit = options.active ?? 50;
  const maxEvents = options.maxEvents ?? Number.MAX_SAFE_INTEGER;
  const concurrency = options.concurrency ?? 1;
  let started = 0;
  let appended = 0;
  type Live = { order: SimulatedOrder; steps: number; clock: number };
  const live: Live[] = [];
  const perAppend = options.commandsPerAppend ?? 1;
  const step = async (entry: Live): Promise<boolean> => {
    const expected = entry.order.expected;
    const events: NewEvent[] = [];
    let more = true;
    for (let i = 0; i < perAppend && more; i += 1) {
      entry.clock += Math.floor(rng() * 6 * 3_600_000) + 60_000;
      const command = entry.order.state.exists ? nextCommand(entry.order.view, rng, entry.order.nextId) : placeOrderCommand(rng, entry.order.orderId);
      entry.steps += 1;
      if (!command || entry.steps > MAX_STEPS) more = false;
      else events.push(...(entry.order.decide(command, new Date(entry.clock)) ?? []));
    }
    if (events.length) {
      await store.append(`order-${entry.order.orderId}`, events, expected);
      appended += events.length;
    }
    return more;
  };
  while ((started < options.orders || live.length) && appended < maxEvents) {
    while (live.length < activeLimit && started < options.orders) {
      started += 1;
      live.push({ order: new SimulatedOrder(`${prefix}-${started}`), steps: 0, clock: START + started * 60_000 });
    }
    // A few distinct orders step at once: one append each, concurrently.
    const chosen = new Set<Live>();
    while (chosen.size < Math.min(concurrency, live.length)) chosen.add(live[Math.floor(rng() * live.length)]);
    const results = await Promise.all([...chosen].map(async (entry) => ({ entry, more: await step(entry) })));
    for (const { entry, more } of results) if (!more) live.splice(live.indexOf(entry), 1);
    options.onProgress?.(appended);
  }
  return appended;
}
