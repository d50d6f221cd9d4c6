import { AccessDeniedError, CancelledError, DeadlineExceededError, StreamDeletedError, TimeoutError, UnavailableError, UnknownError } from '@eventstore/db-client';
import { EventStoreAccessDeniedError, EventStoreUnavailableError, StreamDeletedError as PortStreamDeletedError } from '../event-store.port';
import { isEsdbPermanent, mayHaveBeenWritten, toEsdbStoreError } from './errors';

// The client's own error classes, as its calls raise them.
describe('EventStoreDB errors as the port sees them', () => {
  it('a deadline passed or a server-side commit timeout may have written; refusals and unreachable servers did not', () => {
    expect(mayHaveBeenWritten(new DeadlineExceededError(undefined, 'timed out while waiting for commit'))).toBe(true);
    expect(mayHaveBeenWritten(new TimeoutError())).toBe(true);
    expect(mayHaveBeenWritten(new CancelledError())).toBe(true);
    expect(mayHaveBeenWritten(new UnavailableError())).toBe(false);
    expect(mayHaveBeenWritten(new AccessDeniedError())).toBe(false);
  });

  it('a cluster whose discovery failed is unavailable (503), not an unexpected error', () => {
    const mapped = toEsdbStoreError(new Error('Failed to discover after 3 attempts.'), 'append');
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(toEsdbStoreError(new Error('Failed to discover something else'), 'append')).not.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('refused credentials become a stated configuration fault, and end a subscription', () => {
    const mapped = toEsdbStoreError(new AccessDeniedError(), 'ping');
    expect(mapped).toBeInstanceOf(EventStoreAccessDeniedError);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as Error).message).toMatch(/EVENT_STORE_URL.*\$all.*order-\*/);
    expect(isEsdbPermanent(mapped)).toBe(true);
  });

  it('a deleted stream is its own problem, not a 500', () => {
    const mapped = toEsdbStoreError(StreamDeletedError.fromStreamName('order-7'), 'append');
    expect(mapped).toBeInstanceOf(PortStreamDeletedError);
    expect(mapped).toMatchObject({ code: 'stream_deleted', streamId: 'order-7' });
  });

  it('leaves other errors alone', () => {
    const unknown = new UnknownError();
    expect(toEsdbStoreError(unknown, 'append')).toBe(unknown);
  });
});
