/**
 * Given/when/then for the decider, in the spirit of Emmett's DeciderSpecification:
 *   given(events...).when(command, { now }).then([events]) | .thenError('code')
 * Events without a time happen one minute after the previous one, from BASE_TIME.
 * Also `scenario(...)`, which runs commands one after another (decide, then evolve), for
 * multi-step stories such as successive refunds.
 */
import type { DecideContext } from '../decide';
import { orderDecider } from '../decider';
import { DomainError } from '../errors';
import type { OrderEvent } from '../events';
import type { OrderCommand } from '../commands';
import type { FoldableEvent } from '../evolve';
import { DEFAULT_POLICY } from '../policy';
import type { OrderState } from '../state';

const { decide, evolve, initialState } = orderDecider;

/** A Monday, 09:00 UTC. */
export const BASE_TIME = '2026-03-02T09:00:00.000Z';
const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface GivenEvent {
  event: OrderEvent;
  occurredAt: string;
}

export function at(occurredAt: string, event: OrderEvent): GivenEvent {
  return { event, occurredAt: new Date(occurredAt).toISOString() };
}

export type History = Array<OrderEvent | GivenEvent>;

export function timeline(history: History): FoldableEvent[] {
  let last = Date.parse(BASE_TIME) - MINUTE;
  return history.map((h, revision) => {
    const timed = 'event' in h ? h : { event: h, occurredAt: new Date(last + MINUTE).toISOString() };
    last = Date.parse(timed.occurredAt);
    return { event: timed.event, occurredAt: timed.occurredAt, revision };
  });
}

function fold(events: readonly FoldableEvent[], from: OrderState = initialState): OrderState {
  return events.reduce((state, e) => evolve(state, e.event, e), from);
}

export function stateOf(...history: History): OrderState {
  return fold(timeline(history));
}

export interface WhenOptions extends Partial<Omit<DecideContext, 'now'>> {
  /** Default: one hour after the last given event. */
  now?: string | Date;
}

function contextFor(events: FoldableEvent[], options: WhenOptions): DecideContext {
  const lastTime = events.length > 0 ? Date.parse(events[events.length - 1].occurredAt) : Date.parse(BASE_TIME);
  const now = options.now === undefined ? new Date(lastTime + HOUR) : new Date(options.now);
  return { now, policy: options.policy ?? DEFAULT_POLICY, ...(options.calendar ? { calendar: options.calendar } : {}) };
}

/** Events are stored as JSON: no undefined keys, no Dates, nothing JSON would change. */
function expectJsonSafe(events: OrderEvent[]): void {
  expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
}

export function given(...history: History) {
  const events = timeline(history);
  const state = fold(events);
  return {
    state,
    when(command: OrderCommand, options: WhenOptions = {}) {
      const ctx = contextFor(events, options);
      const run = () => decide(command, state, ctx);
      return {
        /** Asserts the exact events and that they fold. Returns them. */
        then(expected: OrderEvent[]): OrderEvent[] {
          const produced = run();
          expect(produced).toStrictEqual(expected);
          expectJsonSafe(produced);
          fold(produced.map((event, i) => ({ event, occurredAt: ctx.now.toISOString(), revision: state.revision + 1 + i })), state);
          return produced;
        },
        /** Asserts a refusal with this code. Returns the error for further checks. */
        thenError(code: string): DomainError {
          let thrown: unknown;
          try {
            const produced = run();
            throw new Error(`Expected refusal '${code}', got events ${JSON.stringify(produced)}`);
          } catch (e) {
            thrown = e;
          }
          if (!(thrown instanceof DomainError)) throw thrown;
          expect(thrown.code).toBe(code);
          return thrown;
        },
        /** The produced events, for assertions on a part of them. */
        events(): OrderEvent[] {
          const produced = run();
          expectJsonSafe(produced);
          return produced;
        },
      };
    },
  };
}

/** Runs commands one after another against a growing history. */
export class Scenario {
  private events: FoldableEvent[];
  state: OrderState;

  constructor(history: History) {
    this.events = timeline(history);
    this.state = fold(this.events, initialState);
  }

  /** Decides at `now` (default: one hour after the last event) and appends the result at that time. */
  do(command: OrderCommand, options: WhenOptions = {}): OrderEvent[] {
    const ctx = contextFor(this.events, options);
    const produced = decide(command, this.state, ctx);
    expectJsonSafe(produced);
    for (const event of produced) {
      const meta = { occurredAt: ctx.now.toISOString(), revision: this.state.revision + 1 };
      this.events.push({ event, ...meta });
      this.state = evolve(this.state, event, meta);
    }
    return produced;
  }

  history(): FoldableEvent[] {
    return [...this.events];
  }
}

export function scenario(...history: History): Scenario {
  return new Scenario(history);
}
