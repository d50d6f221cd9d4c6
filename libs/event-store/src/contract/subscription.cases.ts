import type { RecordedEvent } from '../event-store.port';
import { events, idsOf, inStreams, readAllUntil, take, uniqueStream, withTimeout, WAIT_MS } from './helpers';
import type { FixtureAccess } from './fixture';

export function subscriptionCases(fixture: FixtureAccess): void {
  describe('subscribeToAll', () => {
    it('yields the catch-up, then live events in order, and close() ends the iteration', async () => {
      const { store } = fixture();
      const stream = uniqueStream('live');
      const ours = inStreams([stream]);
      const start = (await store.headPosition()) ?? undefined;
      const caughtUp = events(3);
      await store.append(stream, caughtUp, 'no_stream');

      const subscription = store.subscribeToAll({ after: start });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        expect(idsOf(await take(iterator, 3, ours))).toEqual(idsOf(caughtUp));
        const live = events(2);
        await store.append(stream, [live[0]], 2);
        await store.append(stream, [live[1]], 3);
        const received = await take(iterator, 2, ours);
        expect(idsOf(received)).toEqual(idsOf(live));
        expect(received.map((e) => e.revision)).toEqual([3, 4]);
      } finally {
        await subscription.close();
      }
      expect(await withTimeout(iterator.next(), WAIT_MS, 'for the closed subscription to end')).toEqual({ done: true, value: undefined });
    });

    it('starts strictly after the given position', async () => {
      const { store } = fixture();
      const stream = uniqueStream('after');
      const start = (await store.headPosition()) ?? undefined;
      const written = events(4);
      await store.append(stream, written, 'no_stream');
      const read = await readAllUntil(store, start, inStreams([stream]), 4);

      const subscription = store.subscribeToAll({ after: read[1].position });
      try {
        const received = await take(subscription[Symbol.asyncIterator](), 2, inStreams([stream]));
        expect(idsOf(received)).toEqual(idsOf(written.slice(2)));
      } finally {
        await subscription.close();
      }
    });

    it('close() ends a for-await loop that is waiting for the next event', async () => {
      const { store } = fixture();
      const stream = uniqueStream('closing');
      const start = (await store.headPosition()) ?? undefined;
      await store.append(stream, events(1), 'no_stream');
      const subscription = store.subscribeToAll({ after: start });
      const seen: RecordedEvent[] = [];
      let firstSeen: () => void = () => undefined;
      const first = new Promise<void>((resolve) => (firstSeen = resolve));
      const loop = (async () => {
        for await (const event of subscription) {
          if (event.streamId !== stream) continue;
          seen.push(event);
          firstSeen();
        }
      })();
      await withTimeout(first, WAIT_MS, 'for the first event');
      await subscription.close();
      await withTimeout(loop, WAIT_MS, 'for the loop to end after close()');
      expect(seen).toHaveLength(1);
    });
  });
}
