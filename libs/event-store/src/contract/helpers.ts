import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { WrongExpectedRevisionError } from '../event-store.port';

/** Bounds every wait so a broken adapter fails with a message instead of hanging the suite. */
export const WAIT_MS = 20_000;

export const newEvent = (type = 'ContractTested', data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

export const events = (count: number, type = 'ContractTested'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i }));

/** A stream name no other test (or earlier run against the same server) uses. */
export const uniqueStream = (label: string): string => `contract_${label}-${randomUUID().replace(/-/g, '')}`;

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const idsOf = (recorded: Array<{ eventId: string }>): string[] => recorded.map((e) => e.eventId);

/** Polls `probe` until it returns a value (not undefined). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Global reads may trail a just-committed append (on PostgreSQL, while any older transaction
 * in the cluster is still open), so a test reads until what it wrote is there.
 */
export function readAllUntil(store: EventStore, after: string | undefined, keep: (e: RecordedEvent) => boolean, count: number): Promise<RecordedEvent[]> {
  return waitFor(async () => {
    const ours = (await collect(store.readAll({ after }))).filter(keep);
    return ours.length >= count ? ours : undefined;
  }, `${count} events readable after ${after ?? 'the start'}`);
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Pulls from a subscription until `count` events pass `keep`. */
export async function take(iterator: AsyncIterator<RecordedEvent>, count: number, keep: (e: RecordedEvent) => boolean): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  const deadline = Date.now() + WAIT_MS;
  while (taken.length < count) {
    const next = await withTimeout(iterator.next(), Math.max(1, deadline - Date.now()), `waiting for event ${taken.length + 1} of ${count}`);
    if (next.done) throw new Error(`Subscription ended after ${taken.length} of ${count} events`);
    if (keep(next.value)) taken.push(next.value);
  }
  return taken;
}

export const inStreams = (streams: Iterable<string>) => {
  const set = new Set(streams);
  return (e: RecordedEvent): boolean => set.has(e.streamId);
};

export async function expectConflict(
  attempt: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<WrongExpectedRevisionError> {
  const error = await attempt.then(
    () => {
      throw new Error(`Expected a revision conflict on ${expected.streamId}, but the append succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const conflict = error as WrongExpectedRevisionError;
  expect({ streamId: conflict.streamId, expected: conflict.expected, actual: conflict.actual, code: conflict.code }).toEqual({
    ...expected,
    code: 'revision_conflict',
  });
  return conflict;
}

/** Asserts a strictly increasing global order by the store's own comparator. */
export function expectIncreasingPositions(store: EventStore, recorded: RecordedEvent[]): void {
  for (let i = 1; i < recorded.length; i += 1) {
    const order = store.comparePositions(recorded[i - 1].position, recorded[i].position);
    if (order >= 0) throw new Error(`Position ${recorded[i].position} (event ${i}) does not come after ${recorded[i - 1].position}`);
  }
}
