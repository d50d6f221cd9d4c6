import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '@app/event-store';

/** Wraps a store to time appends; everything else passes straight through. */
export function instrumentAppends(store: EventStore, observe: (seconds: number) => void): EventStore {
  const append = async (streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    const started = process.hrtime.bigint();
    try {
      return await store.append(streamId, events, expected);
    } finally {
      observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') return append;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
