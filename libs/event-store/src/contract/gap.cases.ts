import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port';
import { collect, events, expectIncreasingPositions, idsOf, inStreams, readAllUntil, uniqueStream, waitFor } from './helpers';
import type { FixtureAccess, HeldAppend } from './fixture';

const WRITERS = 8;
const APPENDS_PER_WRITER = 12;
const STREAMS = 10;

/** One append as the test saw it, on a logical clock (no wall-clock time). */
interface Observed {
  ids: string[];
  startedAt: number;
  endedAt: number;
}

export function gapCases(fixture: FixtureAccess): void {
  describe('the gap: concurrent writers while readers read', () => {
    it('a subscriber and a checkpointed reader get every event exactly once, in an order consistent with commits', async () => {
      const { store, holdOpenAppend } = fixture();
      const tag = uniqueStream('gap');
      const streams = Array.from({ length: STREAMS }, (_, i) => `${tag}-${i}`);
      const heldStream = `${tag}-held`;
      const ours = inStreams([...streams, heldStream]);
      const start = (await store.headPosition()) ?? undefined;

      const subscription = store.subscribeToAll({ after: start });
      const received: RecordedEvent[] = [];
      const consuming = (async () => {
        for await (const event of subscription) if (ours(event)) received.push(event);
      })();

      try {
        // Started first, so it holds the earliest transaction (and sequence values) of all,
        // and commits last: the event a reader that only remembers positions would skip.
        const heldEvents = events(2, 'HeldOpen');
        let held: HeldAppend | undefined = holdOpenAppend ? await holdOpenAppend(heldStream, heldEvents) : undefined;

        const observed = await writeConcurrently(store, streams);

        // A projection-style reader: reads what it can now, remembers only the last position.
        const firstPass = await collect(store.readAll({ after: start }));
        const checkpoint = firstPass.length ? firstPass[firstPass.length - 1].position : start;
        if (held) {
          expect(idsOf(firstPass)).not.toContain(heldEvents[0].eventId);
          await held.commit();
          held = undefined;
        }

        const expected = [...observed.flatMap((o) => o.ids), ...(holdOpenAppend ? idsOf(heldEvents) : [])];
        const secondPass = await readAllUntil(store, checkpoint, ours, expected.length - firstPass.filter(ours).length);
        const reader = [...firstPass.filter(ours), ...secondPass];
        expectExactlyOnceInCommitOrder(store, reader, expected, observed);

        await waitFor(async () => (received.length >= expected.length ? true : undefined), `the subscriber to receive ${expected.length} events`);
        expectExactlyOnceInCommitOrder(store, received, expected, observed);
      } finally {
        await subscription.close();
        await consuming;
      }
    });
  });
}

/** WRITERS loops appending 1 to 3 events with `any` to random streams, all at once. */
async function writeConcurrently(store: EventStore, streams: string[]): Promise<Observed[]> {
  let clock = 0;
  const observed: Observed[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let k = 0; k < APPENDS_PER_WRITER; k += 1) {
        const batch: NewEvent[] = events(1 + ((writer + k) % 3), 'Concurrent');
        const stream = streams[(writer * 7 + k * 3) % streams.length];
        const startedAt = ++clock;
        await store.append(stream, batch, 'any');
        observed.push({ ids: idsOf(batch), startedAt, endedAt: ++clock });
      }
    }),
  );
  return observed;
}

function expectExactlyOnceInCommitOrder(store: EventStore, got: RecordedEvent[], expectedIds: string[], observed: Observed[]): void {
  const ids = idsOf(got);
  expect(ids.length).toBe(new Set(ids).size); // no duplicates
  expect([...ids].sort()).toEqual([...expectedIds].sort()); // nothing missing, nothing extra
  expectIncreasingPositions(store, got);

  // Each stream in revision order, from 0 without holes.
  const revisions = new Map<string, number[]>();
  for (const e of got) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision]);
  for (const [stream, seen] of revisions) expect({ stream, seen }).toEqual({ stream, seen: seen.map((_, i) => i) });

  // An append's events arrive together and in order; an append that finished before another
  // started arrives before it (commit order, as any client could observe it).
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const o of observed) {
    const at = o.ids.map((id) => index.get(id) as number);
    expect(at).toEqual(at.map((_, i) => at[0] + i));
  }
  for (const a of observed) {
    for (const b of observed) {
      if (a.endedAt < b.startedAt && (index.get(a.ids[0]) as number) > (index.get(b.ids[0]) as number)) {
        throw new Error(`An append that finished before another started was delivered after it (${a.ids[0]} after ${b.ids[0]})`);
      }
    }
  }
}
