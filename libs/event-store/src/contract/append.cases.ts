import { collect, expectConflict, events, idsOf, newEvent, uniqueStream } from './helpers';
import type { FixtureAccess } from './fixture';

export function appendCases(fixture: FixtureAccess): void {
  describe('append', () => {
    it('round-trips data, metadata, types, revisions and recordedAt', async () => {
      const { store } = fixture();
      const stream = uniqueStream('roundtrip');
      const written = [
        newEvent(
          'OrderPlaced',
          { orderId: 'o-1', lines: [{ sku: 'A-1', quantity: 2, unitPrice: '12.50' }], total: 25, gift: false, note: 'naïve – ✓ 🙂', coupon: null },
          { actor: 'user-1', correlationId: 'c-1', nested: { depth: [1, 2, 3] } },
        ),
        newEvent('OrderPaid', { amount: '25.00' }, {}),
      ];
      const result = await store.append(stream, written, 'no_stream');
      expect(result.revision).toBe(1);

      const read = await collect(store.readStream(stream));
      expect(read.map(({ eventId, streamId, type, revision, data, metadata }) => ({ eventId, streamId, type, revision, data, metadata }))).toEqual(
        written.map((e, i) => ({ eventId: e.eventId, streamId: stream, type: e.type, revision: i, data: e.data, metadata: e.metadata })),
      );
      expect(read[1].position).toBe(result.position);
      expect(store.comparePositions(read[0].position, read[1].position)).toBeLessThan(0);
      for (const event of read) {
        expect(event.recordedAt).toBeInstanceOf(Date);
        // A sanity bound on the clock, not a timing assertion.
        expect(Math.abs(event.recordedAt.getTime() - Date.now())).toBeLessThan(24 * 3600_000);
      }
    });

    it('refuses an append without events, with a non-UUID id, or with an id twice', async () => {
      const { store } = fixture();
      const stream = uniqueStream('refused');
      const event = newEvent();
      await expect(store.append(stream, [], 'any')).rejects.toThrow(RangeError);
      await expect(store.append(stream, [{ ...event, eventId: 'not-a-uuid' }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append(stream, [event, event], 'any')).rejects.toThrow(RangeError);
      expect(await collect(store.readStream(stream))).toEqual([]);
    });
  });

  describe('expected revision', () => {
    it('no_stream creates the stream and conflicts once it exists', async () => {
      const { store } = fixture();
      const stream = uniqueStream('nostream');
      expect((await store.append(stream, events(2), 'no_stream')).revision).toBe(1);
      await expectConflict(store.append(stream, events(1), 'no_stream'), { streamId: stream, expected: 'no_stream', actual: 1 });
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('an exact revision appends when it is the last one and conflicts with the actual one otherwise', async () => {
      const { store } = fixture();
      const stream = uniqueStream('exact');
      await store.append(stream, events(1), 'no_stream');
      expect((await store.append(stream, events(2), 0)).revision).toBe(2);
      expect((await store.append(stream, events(1), 2)).revision).toBe(3);
      await expectConflict(store.append(stream, events(1), 1), { streamId: stream, expected: 1, actual: 3 });
      await expectConflict(store.append(stream, events(1), 7), { streamId: stream, expected: 7, actual: 3 });
      expect(await collect(store.readStream(stream))).toHaveLength(4);
    });

    it('an exact revision on a missing stream conflicts with no_stream', async () => {
      const { store } = fixture();
      const stream = uniqueStream('exactmissing');
      await expectConflict(store.append(stream, events(1), 0), { streamId: stream, expected: 0, actual: 'no_stream' });
      expect(await collect(store.readStream(stream))).toEqual([]);
    });

    it('any appends to a new and to an existing stream', async () => {
      const { store } = fixture();
      const stream = uniqueStream('any');
      expect((await store.append(stream, events(2), 'any')).revision).toBe(1);
      expect((await store.append(stream, events(1), 'any')).revision).toBe(2);
      expect((await collect(store.readStream(stream))).map((e) => e.revision)).toEqual([0, 1, 2]);
    });
  });

  describe('idempotent re-append', () => {
    it.each([
      ['an exact revision', 0 as const],
      ['no_stream', 'no_stream' as const],
      ['any', 'any' as const],
    ])('with %s answers as the first append did and writes nothing', async (_label, expected) => {
      const { store } = fixture();
      const stream = uniqueStream('retry');
      const before = expected === 'no_stream' ? [] : events(1);
      if (before.length) await store.append(stream, before, 'no_stream');
      const batch = events(2, 'Retried');
      const first = await store.append(stream, batch, expected);
      const again = await store.append(stream, batch, expected);
      expect(again).toEqual(first);
      expect(idsOf(await collect(store.readStream(stream)))).toEqual(idsOf([...before, ...batch]));
    });

    it('recognises a retry after the stream moved on', async () => {
      const { store } = fixture();
      const stream = uniqueStream('retrylater');
      const [a, b, c] = events(3);
      const first = await store.append(stream, [a], 'no_stream');
      const second = await store.append(stream, [b], 0);
      await store.append(stream, [c], 1);
      expect(await store.append(stream, [a], 'no_stream')).toEqual(first);
      expect(await store.append(stream, [b], 0)).toEqual(second);
      expect(idsOf(await collect(store.readStream(stream)))).toEqual(idsOf([a, b, c]));
    });

    it('a different event at the same place still conflicts', async () => {
      const { store } = fixture();
      const stream = uniqueStream('retrydiffers');
      const [a, b] = events(2);
      await store.append(stream, [a, b], 'no_stream');
      await expectConflict(store.append(stream, [newEvent()], 'no_stream'), { streamId: stream, expected: 'no_stream', actual: 1 });
      await expectConflict(store.append(stream, [newEvent()], 0), { streamId: stream, expected: 0, actual: 1 });
      // The same first event with one more is not the same append either.
      await expectConflict(store.append(stream, [a, newEvent()], 'no_stream'), { streamId: stream, expected: 'no_stream', actual: 1 });
      expect(idsOf(await collect(store.readStream(stream)))).toEqual(idsOf([a, b]));
    });
  });
}
