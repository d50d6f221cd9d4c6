import type { RecordedEvent } from '@app/event-store';
import { bisectFailure } from './bisect-failure';
import { HandlerFailure } from './handler-failure';

const events = Array.from({ length: 37 }, (_, i) => ({ position: `p${i}` }) as RecordedEvent);

describe('bisectFailure', () => {
  it('commits everything before the bad event in few transactions and names its position', async () => {
    const committed: string[] = [];
    let transactions = 0;
    const commit = async (batch: RecordedEvent[]) => {
      transactions += 1;
      if (batch.some((e) => e.position === 'p23')) throw new Error('boom');
      committed.push(...batch.map((e) => e.position));
      return 'committed' as const;
    };
    const failure = await bisectFailure(events, commit).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HandlerFailure);
    expect((failure as HandlerFailure).position).toBe('p23');
    expect((failure as HandlerFailure).message).toBe('boom');
    expect(committed).toEqual(events.slice(0, 23).map((e) => e.position));
    expect(transactions).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(events.length)) + 1);
  });

  it('commits the whole batch when the failure does not come back', async () => {
    let calls = 0;
    const commit = async () => ((calls += 1) === 1 ? Promise.reject(new Error('transient')) : ('committed' as const));
    await expect(bisectFailure(events, commit)).resolves.toBe('committed');
  });

  it('stops at a fence', async () => {
    const commit = async () => 'fenced' as const;
    await expect(bisectFailure(events, commit)).resolves.toBe('fenced');
  });
});
