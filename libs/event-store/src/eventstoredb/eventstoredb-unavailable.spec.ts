import { collect, events, WAIT_MS, withTimeout } from '../contract/helpers';
import { EventStoreUnavailableError } from '../event-store.port';
import { EventStoreDbEventStore, spanToRevision } from './eventstoredb-event-store';
import { openSilentPort } from './silent-port';

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

  it('an unresolvable host name is unavailable', async () => {
    const store = new EventStoreDbEventStore('esdb://no-such-host.invalid:2113?tls=false');
    try {
      await expect(store.ping()).rejects.toThrow(/EventStoreDB unavailable during ping: .*Name resolution failed/);
    } finally {
      await store.close();
    }
  });

  it('a cluster none of whose seeds answers is unavailable (503), not an unexpected error', async () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:1,127.0.0.1:2?tls=false&maxDiscoverAttempts=1&discoveryInterval=10');
    try {
      await expect(store.ping()).rejects.toThrow(/EventStoreDB unavailable during ping: Failed to discover after 1 attempts/);
      await expect(store.append('s', events(1), 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('cluster discovery is bounded by configuration when the URL sets no bounds', async () => {
    // Seeds that accept and never answer: the client's defaults would take 10 rounds of 5 s per seed.
    const silent = await openSilentPort();
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${silent.port},127.0.0.1:1?tls=false`, {
      discovery: { maxDiscoverAttempts: 2, discoveryIntervalMs: 10, gossipTimeoutSeconds: 1 },
    });
    try {
      await expect(store.ping()).rejects.toThrow(/Failed to discover after 2 attempts/);
    } finally {
      await store.close();
      await silent.close();
    }
  });

  it('refuses a batch size that would stall $all scans', () => {
    expect(() => new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', { batchSize: 1 })).toThrow(RangeError);
    expect(() => new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', { batchSize: 2.5 })).toThrow(RangeError);
  });

  it('asks a stream read for no more events than toRevision allows', () => {
    expect(spanToRevision({ fromRevision: 3, toRevision: 5 }, false)).toBe(3);
    expect(spanToRevision({ toRevision: 0 }, false)).toBe(1);
    expect(spanToRevision({ fromRevision: 9, toRevision: 5 }, true)).toBe(5);
    expect(spanToRevision({ fromRevision: 6, toRevision: 5 }, false)).toBe(0);
    // Backwards from the end the span is unknown: the read stops client-side and is cancelled.
    expect(spanToRevision({ toRevision: 5 }, true)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
