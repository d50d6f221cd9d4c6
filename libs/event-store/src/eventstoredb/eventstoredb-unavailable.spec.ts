import { collect, events, WAIT_MS, withTimeout } from '../contract/helpers';
import { EventStoreUnavailableError } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs without a server: nothing listens on port 1, so every call meets gRPC UNAVAILABLE.
describe('EventStoreDbEventStore without a reachable server', () => {
  it('answers EventStoreUnavailableError on every call', async () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('s', events(1), 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(store.readStream('s'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('a subscription keeps retrying while the server is away, and close() ends it', async () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false');
    const subscription = store.subscribeToAll();
    const next = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await expect(withTimeout(next, WAIT_MS, 'for the subscription to end')).resolves.toEqual({ done: true, value: undefined });
    await store.close();
  });

  it('refuses a malformed position before any I/O', () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false');
    expect(() => store.comparePositions('12', 'x')).toThrow(TypeError);
    expect(store.comparePositions('9007199254740993', '9007199254740992')).toBe(1);
    expect(() => store.subscribeToAll({ after: '00000000000000000001-00000000000000000001' })).toThrow(TypeError);
    return store.close();
  });
});
