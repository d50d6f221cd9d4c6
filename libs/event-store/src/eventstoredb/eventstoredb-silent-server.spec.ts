import { collect, events } from '../contract/helpers';
import { EventStoreOutcomeUnknownError, EventStoreUnavailableError } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { openSilentPort } from './silent-port';

// A real TCP port that accepts and never answers: the client would wait on it forever.
describe('EventStoreDbEventStore against a server that accepts and never answers', () => {
  let silent: Awaited<ReturnType<typeof openSilentPort>>;
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    silent = await openSilentPort();
    // defaultDeadline bounds the append (the client sets it on appends); readTimeoutMs bounds every read.
    store = new EventStoreDbEventStore(`esdb://127.0.0.1:${silent.port}?tls=false&defaultDeadline=500`, { readTimeoutMs: 300 });
  });
  afterAll(async () => {
    await store.close();
    await silent.close();
  });

  it('bounds every read: each one fails as unavailable instead of hanging', async () => {
    await expect(store.ping()).rejects.toThrow(EventStoreUnavailableError);
    await expect(collect(store.readStream('s'))).rejects.toThrow(/did not answer readStream within 300 ms/);
    await expect(collect(store.readAll())).rejects.toThrow(/did not answer readAll within 300 ms/);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.countAfter(null, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(silent.connections()).toBeGreaterThan(0); // it really talked to the port
  });

  it('asks for no page the caller does not need (a limit reached, a toRevision before fromRevision)', async () => {
    // Any call would wait here for the read timeout and fail: these must not make one.
    await expect(collect(store.readAll({ limit: 0 }))).resolves.toEqual([]);
    await expect(store.countAfter(null, 0)).resolves.toBe(0);
    await expect(collect(store.readStream('s', { fromRevision: 5, toRevision: 4 }))).resolves.toEqual([]);
    await expect(collect(store.readStream('s', { fromRevision: 2, toRevision: 5, direction: 'backward' }))).resolves.toEqual([]);
  });

  it('cancels the timed-out gRPC calls instead of leaving them open', async () => {
    await expect(collect(store.readStream('s'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const client = (store as unknown as { client: { disposableStreams: Set<unknown> } }).client;
    // The client tracks every live call until it finishes; a cancelled one leaves the set.
    for (let i = 0; i < 200 && client.disposableStreams.size > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(client.disposableStreams.size).toBe(0);
  });

  it('an append whose answer never came, and whose stream cannot be read back, is "outcome unknown", not "nothing written"', async () => {
    const failure = store.append('order-1', events(1), 'no_stream');
    await expect(failure).rejects.toBeInstanceOf(EventStoreOutcomeUnknownError);
    await expect(failure).rejects.toThrow(/may or may not be stored/);
  });
});
