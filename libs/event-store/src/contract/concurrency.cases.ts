import { WrongExpectedRevisionError, type AppendResult } from '../event-store.port';
import { collect, events, idsOf, newEvent, uniqueStream } from './helpers';
import type { FixtureAccess } from './fixture';

const APPENDERS = 24;

export function concurrencyCases(fixture: FixtureAccess): void {
  describe('concurrent appenders to one stream', () => {
    it('with any: every append lands, revisions are unique and contiguous, each batch stays together', async () => {
      const { store } = fixture();
      const stream = uniqueStream('anyrace');
      const batches = Array.from({ length: APPENDERS }, () => events(2, 'Raced'));
      const results = await Promise.all(batches.map((batch) => store.append(stream, batch, 'any')));

      expect(new Set(results.map((r) => r.revision)).size).toBe(APPENDERS);
      const read = await collect(store.readStream(stream));
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: APPENDERS * 2 }, (_, i) => i));
      batches.forEach((batch, i) => {
        const end = results[i].revision;
        expect(idsOf(read.slice(end - 1, end + 1))).toEqual(idsOf(batch));
        expect(read[end].position).toBe(results[i].position);
      });
    });

    it.each([
      ['an exact revision', 0 as const],
      ['no_stream', 'no_stream' as const],
    ])('with %s: exactly one wins, the others learn the actual revision', async (_label, expected) => {
      const { store } = fixture();
      const stream = uniqueStream('exactrace');
      if (expected === 0) await store.append(stream, events(1), 'no_stream');
      const settled = await Promise.allSettled(
        Array.from({ length: APPENDERS }, () => store.append(stream, [newEvent('Raced'), newEvent('Raced')], expected)),
      );
      const winners = settled.filter((s): s is PromiseFulfilledResult<AppendResult> => s.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const winner = winners[0].value;
      for (const lost of settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((lost.reason as WrongExpectedRevisionError).actual).toBe(winner.revision);
      }
      expect(await collect(store.readStream(stream))).toHaveLength(winner.revision + 1);
    });
  });
}
