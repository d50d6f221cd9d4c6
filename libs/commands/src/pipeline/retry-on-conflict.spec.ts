import { WrongExpectedRevisionError } from '@app/event-store';
import { DomainError } from '@app/ordering';
import { retryOnConflict } from './retry-on-conflict';

const conflict = () => new WrongExpectedRevisionError('order-o-1', 3, 4);
const noPause = async () => undefined;

describe('retryOnConflict', () => {
  it('re-runs the attempt after a concurrent write until it succeeds, numbering the attempts', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(async (n) => {
      seen.push(n);
      if (n < 3) throw conflict();
      return 'appended';
    }, { pause: noPause });
    expect(result).toBe('appended');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('with If-Match never re-decides: the conflict answers revision_mismatch (412) naming the actual revision', async () => {
    let attempts = 0;
    const error = await retryOnConflict(async () => {
      attempts += 1;
      throw conflict();
    }, { expectedRevision: 3, pause: noPause }).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'revision_mismatch', message: expect.stringContaining('the order is at 4') });
  });

  it('gives up after the last attempt with the conflict itself (409 concurrency_conflict upstream)', async () => {
    let attempts = 0;
    await expect(retryOnConflict(async () => {
      attempts += 1;
      throw conflict();
    }, { maxAttempts: 4, pause: noPause })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(attempts).toBe(4);
  });

  it('lets every other error through at once, and pauses only between attempts', async () => {
    const pauses: number[] = [];
    const refusal = new DomainError('cancel_after_shipment', 'shipped');
    await expect(retryOnConflict(async (n) => {
      if (n === 1) throw conflict();
      throw refusal;
    }, { pause: async (next) => { pauses.push(next); } })).rejects.toBe(refusal);
    expect(pauses).toEqual([2]);
  });
});
