import { EventStoreAccessDeniedError, EventStoreOutcomeUnknownError, EventStoreUnavailableError, StreamDeletedError } from '@app/event-store';
import { mapError } from './error-status';

describe('event store failures as HTTP problems', () => {
  it('an append of unknown outcome is a distinct 503 that says a retry with the same key is safe', () => {
    const mapped = mapError(new EventStoreOutcomeUnknownError('no answer'));
    expect(mapped.problem).toMatchObject({ status: 503, code: 'outcome_unknown' });
    expect(mapped.problem.detail).toMatch(/may or may not be recorded.*same Idempotency-Key is safe/);
    expect(mapped.headers).toEqual({ 'Retry-After': '2' });
    expect(mapped.unexpected).toBe(false);
  });

  it('unreachable or refusing our credentials: 503 unavailable with Retry-After', () => {
    for (const error of [new EventStoreUnavailableError('down'), new EventStoreAccessDeniedError('denied')]) {
      const mapped = mapError(error);
      expect(mapped.problem).toMatchObject({ status: 503, code: 'unavailable' });
      expect(mapped.headers).toEqual({ 'Retry-After': '2' });
    }
  });

  it('a deleted stream is 410 stream_deleted, not a 500', () => {
    const mapped = mapError(new StreamDeletedError('order-1'));
    expect(mapped.problem).toMatchObject({ status: 410, code: 'stream_deleted' });
    expect(mapped.unexpected).toBe(false);
  });
});
