import { collect, events, expectIncreasingPositions, idsOf, inStreams, readAllUntil, uniqueStream, waitFor } from './helpers';
import type { FixtureAccess } from './fixture';

export function readCases(fixture: FixtureAccess): void {
  describe('readStream', () => {
    const revisions = async (stream: string, options: Parameters<ReturnType<FixtureAccess>['store']['readStream']>[1]) =>
      (await collect(fixture().store.readStream(stream, options))).map((e) => e.revision);

    let stream: string;
    beforeAll(async () => {
      stream = uniqueStream('bounds');
      // More events than a small page, so paged adapters page.
      await fixture().store.append(stream, events(10), 'no_stream');
    });

    it('reads forward with from, to (both inclusive) and maxCount', async () => {
      expect(await revisions(stream, {})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await revisions(stream, { fromRevision: 3 })).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(await revisions(stream, { toRevision: 5 })).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await revisions(stream, { fromRevision: 2, toRevision: 4 })).toEqual([2, 3, 4]);
      expect(await revisions(stream, { maxCount: 3 })).toEqual([0, 1, 2]);
      expect(await revisions(stream, { fromRevision: 4, maxCount: 5 })).toEqual([4, 5, 6, 7, 8]);
      expect(await revisions(stream, { fromRevision: 10 })).toEqual([]);
    });

    it('reads backward from the end or fromRevision down to toRevision', async () => {
      expect(await revisions(stream, { direction: 'backward' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await revisions(stream, { direction: 'backward', fromRevision: 6 })).toEqual([6, 5, 4, 3, 2, 1, 0]);
      expect(await revisions(stream, { direction: 'backward', fromRevision: 6, toRevision: 4 })).toEqual([6, 5, 4]);
      expect(await revisions(stream, { direction: 'backward', toRevision: 7 })).toEqual([9, 8, 7]);
      expect(await revisions(stream, { direction: 'backward', maxCount: 2 })).toEqual([9, 8]);
    });

    it('yields nothing for a stream that does not exist', async () => {
      const missing = uniqueStream('missing');
      expect(await revisions(missing, {})).toEqual([]);
      expect(await revisions(missing, { direction: 'backward' })).toEqual([]);
    });
  });

  describe('global order', () => {
    it('readAll yields in append order, `after` is exclusive, `limit` caps', async () => {
      const { store } = fixture();
      const [s1, s2, s3] = [uniqueStream('all'), uniqueStream('all'), uniqueStream('all')];
      const start = (await store.headPosition()) ?? undefined;
      const [e1, e2, e3, e4, e5] = events(5);
      const r1 = await store.append(s1, [e1], 'no_stream');
      const r3 = await store.append(s2, [e2, e3], 'no_stream');
      const r4 = await store.append(s1, [e4], 0);
      const r5 = await store.append(s3, [e5], 'any');
      const ours = inStreams([s1, s2, s3]);

      const all = await readAllUntil(store, start, ours, 5);
      expect(idsOf(all)).toEqual(idsOf([e1, e2, e3, e4, e5]));
      expectIncreasingPositions(store, all);
      expect(all.map((e) => [e.streamId, e.revision])).toEqual([[s1, 0], [s2, 0], [s2, 1], [s1, 1], [s3, 0]]);
      // An append answers the global position its last event has.
      expect([r1, r3, r4, r5].map((r) => r.position)).toEqual([all[0], all[2], all[3], all[4]].map((e) => e.position));

      expect(idsOf((await collect(store.readAll({ after: all[1].position }))).filter(ours))).toEqual(idsOf([e3, e4, e5]));
      expect((await collect(store.readAll({ after: all[4].position }))).filter(ours)).toEqual([]);
      expect(idsOf(await collect(store.readAll({ after: all[0].position, limit: 2 })))).toEqual(idsOf([e2, e3]));
    });

    it('headPosition and countAfter follow the log; comparePositions orders positions', async () => {
      const { store } = fixture();
      const stream = uniqueStream('head');
      const start = (await store.headPosition()) ?? undefined;
      await store.append(stream, events(3), 'no_stream');
      const read = await readAllUntil(store, start, inStreams([stream]), 3);
      const [first, , last] = read.map((e) => e.position);

      await waitFor(async () => ((await store.headPosition()) === last ? true : undefined), 'the head to reach the last append');
      expect(await store.countAfter(first)).toBe(2);
      expect(await store.countAfter(last)).toBe(0);
      expect(await store.countAfter(null)).toBeGreaterThanOrEqual(3);
      // A limit stops the count there (lag reporting asks for at most 10,000).
      expect(await store.countAfter(first, 1)).toBe(1);
      expect(await store.countAfter(first, 5)).toBe(2);
      expect(await store.countAfter(null, 2)).toBe(2);
      expect(store.comparePositions(first, first)).toBe(0);
      expect(store.comparePositions(first, last)).toBeLessThan(0);
      expect(store.comparePositions(last, first)).toBeGreaterThan(0);
    });
  });

  describe('listStreams', () => {
    it('lists every stream with the prefix, and only those', async () => {
      const { store } = fixture();
      const prefix = `${uniqueStream('list')}-`;
      const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => `${prefix}${s}`);
      for (const name of names) await store.append(name, events(1), 'no_stream');
      await store.append(`${prefix.slice(0, -1)}x-other`, events(1), 'no_stream');
      await store.append(names[0], events(1), 0); // a second event does not list a stream twice

      const listed = await waitFor(async () => {
        const found = await collect(store.listStreams(prefix));
        return found.length >= names.length ? found : undefined;
      }, 'the streams to be listed');
      expect([...listed].sort()).toEqual(names);
      expect(await collect(store.listStreams(`${prefix}zzz`))).toEqual([]);
    });
  });

  it('ping answers', async () => {
    await expect(fixture().store.ping()).resolves.toBeUndefined();
  });
}
