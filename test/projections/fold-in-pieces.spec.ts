import type { RecordedEvent } from '@app/event-store';
import { orderDecider, toOrderView, type OrderState } from '@app/ordering';
import { foldStoredEvents } from '@app/order-fold';
import { nextCommand, placeOrderCommand, seededRng } from '@app/harness/order-lifecycle';
import { SimulatedOrder } from '@app/harness/simulated-order';

/** The order-status projection's use of the fold: null when nothing was new. */
function continueFold(stored: OrderState | undefined, events: readonly RecordedEvent[]): OrderState | null {
  const from = stored ?? orderDecider.initialState;
  const next = foldStoredEvents(from, events);
  return next === from ? null : next;
}

/** A random order's history as the store would give it back. */
function history(seed: number): RecordedEvent[] {
  const rng = seededRng(seed);
  const order = new SimulatedOrder(`o-${seed}`);
  const events: RecordedEvent[] = [];
  let clock = Date.parse('2026-03-02T09:00:00Z');
  for (let step = 0; step < 25; step += 1) {
    const command = order.state.exists ? nextCommand(order.view, rng, order.nextId) : placeOrderCommand(rng, order.orderId);
    if (!command) break;
    clock += 3_600_000;
    for (const e of order.decide(command, new Date(clock)) ?? []) {
      events.push({ ...e, streamId: `order-${order.orderId}`, revision: events.length, position: String(events.length), recordedAt: new Date(clock) });
    }
  }
  return events;
}

const roundTrip = (state: OrderState): OrderState => JSON.parse(JSON.stringify(state));

describe('foldStoredEvents in pieces (as the projections continue it)', () => {
  it('OrderState survives the JSON round trip of the state column: folding in pieces equals folding at once', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const events = history(seed);
      const whole = continueFold(undefined, events) as OrderState;
      const rng = seededRng(seed * 7);
      let state: OrderState | undefined;
      for (let i = 0; i < events.length; ) {
        const size = 1 + Math.floor(rng() * 4);
        state = roundTrip(continueFold(state, events.slice(i, i + size)) ?? (state as OrderState));
        i += size;
      }
      expect(state).toEqual(roundTrip(whole));
      expect(JSON.stringify(toOrderView(state as OrderState))).toBe(JSON.stringify(toOrderView(whole)));
    }
  });

  it('skips events already folded (a replayed batch) and answers null when nothing is new', () => {
    const events = history(3);
    const state = continueFold(undefined, events) as OrderState;
    expect(continueFold(roundTrip(state), events)).toBeNull();
    const half = continueFold(undefined, events.slice(0, 3)) as OrderState;
    expect(continueFold(roundTrip(half), events)).toEqual(state);
  });

  it('refuses a gap in revisions instead of folding past a missing event', () => {
    const events = history(4);
    const first = continueFold(undefined, events.slice(0, 1)) as OrderState;
    expect(() => continueFold(first, events.slice(2))).toThrow(/revision 0 but the next event read is revision 2/);
  });
});
