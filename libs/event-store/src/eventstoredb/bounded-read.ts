import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port';
import { toEsdbStoreError } from './errors';

/**
 * Iterates one gRPC read with a deadline per answer and always ends the call. The client starts
 * reads with no deadline at all (a server that accepts and never answers holds them forever),
 * and leaving a `for await` over its stream (a `break`, a `return`, an error) destroys only the
 * client-side Transform: the gRPC call itself keeps streaming until cancelled.
 */
export async function* boundedRead<E>(read: StreamingRead<E>, timeoutMs: number, action: string): AsyncGenerator<E> {
  const items = read[Symbol.asyncIterator]() as AsyncIterator<E>;
  let ended = false;
  try {
    for (;;) {
      const next = await answerWithin(items.next(), timeoutMs, action);
      if (next.done) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } catch (error) {
    throw toEsdbStoreError(error, action);
  } finally {
    if (!ended) cancelRead(read);
  }
}

/** Cancels the gRPC call (the server stops sending) and drops what the client buffered. */
export function cancelRead(read: StreamingRead<unknown>): void {
  read.cancel().catch(() => undefined);
  read.destroy();
}

function answerWithin<T>(work: Promise<T>, timeoutMs: number, action: string): Promise<T> {
  work.catch(() => undefined); // abandoned on timeout: its later failure is not news
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventStoreUnavailableError(`EventStoreDB did not answer ${action} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
