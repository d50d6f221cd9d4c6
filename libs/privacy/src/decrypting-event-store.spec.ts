import type { EventStore, EventSubscription, NewEvent, RecordedEvent } from '@app/event-store';
import { CUSTOMER_DATA_ERASED, ERASED } from '@app/ordering';
import { DecryptingEventStore } from './decrypting-event-store';
import { protectEventData } from './event-data';
import { KeyRing } from './key-ring';
import { MasterKey } from './master-key';
import { MemoryKeyStore } from './testing/memory-key-store';

/** Just enough of a store: recorded events in memory, every read in order. */
class ListStore implements Partial<EventStore> {
  readonly name = 'postgres' as const;
  readonly events: RecordedEvent[] = [];
  appended: NewEvent[] = [];

  add(streamId: string, type: string, data: Record<string, unknown>): void {
    this.events.push({ eventId: `e-${this.events.length}`, streamId, type, revision: 0, position: String(this.events.length), recordedAt: new Date(), data, metadata: {} });
  }

  async append(_streamId: string, events: NewEvent[]) {
    this.appended.push(...events);
    return { revision: 0, position: '0' };
  }

  async *readStream(streamId: string) {
    yield* this.events.filter((e) => e.streamId === streamId);
  }

  async *readAll() {
    yield* this.events;
  }

  subscribeToAll(): EventSubscription {
    const events = this.events;
    return { close: async () => undefined, async *[Symbol.asyncIterator]() { yield* events; } };
  }
}

async function setUp() {
  const keys = new MemoryKeyStore();
  const keyRing = new KeyRing(keys, () => master);
  const inner = new ListStore();
  const store = new DecryptingEventStore(inner as unknown as EventStore, keyRing);
  return { keys, keyRing, inner, store };
}

const master = MasterKey.generate('test');
const collect = async (events: AsyncIterable<RecordedEvent>) => {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
};

describe('DecryptingEventStore', () => {
  it('shows sealed values decrypted to every reader, looking keys up once per page, and leaves stored events untouched', async () => {
    const { keys, keyRing, inner, store } = await setUp();
    const customers = await Promise.all(['c-1', 'c-2', 'c-3'].map((c) => keyRing.keyForWriting(c)));
    for (let i = 0; i < 30; i += 1) {
      const key = customers[i % 3];
      inner.add(`order-${i}`, 'ComplaintOpened', protectEventData('ComplaintOpened', { complaintId: 'x', category: 'other', message: `text ${i}` }, key));
      inner.add(`order-${i}`, 'PaymentConfirmed', { transactionId: `t-${i}`, amount: i });
    }
    const storedBefore = JSON.stringify(inner.events);
    const fresh = new DecryptingEventStore(inner as unknown as EventStore, new KeyRing(keys, () => master));
    keys.queries = 0;
    const all = await collect(fresh.readAll());
    expect(all.filter((e) => e.type === 'ComplaintOpened').map((e) => e.data.message)).toEqual(Array.from({ length: 30 }, (_, i) => `text ${i}`));
    expect(keys.queries).toBe(1);
    expect(JSON.stringify(inner.events)).toBe(storedBefore);
    expect((await collect(store.readStream('order-4')))[0].data.message).toBe('text 4');
    const live = await collect(store.subscribeToAll());
    expect(live[0].data.message).toBe('text 0');
  });

  it('shows "[erased]" once the key is gone, never an error; appends pass through as given', async () => {
    const { keyRing, inner, store } = await setUp();
    const key = await keyRing.keyForWriting('c-1');
    inner.add('order-1', 'ReturnRequested', protectEventData('ReturnRequested', { returnId: 'r', note: 'secret note', reason: 'defective' }, key));
    await keyRing.erase('c-1');
    const [event] = await collect(store.readStream('order-1'));
    expect(event.data).toEqual({ returnId: 'r', note: ERASED, reason: 'defective' });
    const sealed: NewEvent = { eventId: 'n', type: 'T', data: { x: 1 }, metadata: {} };
    await store.append('s', [sealed], 'any');
    expect(inner.appended).toEqual([sealed]);
  });

  it('a reader of the log drops an erased customer\'s cached keys when it reads CustomerDataErased', async () => {
    const { keys, keyRing, inner, store } = await setUp();
    const key = await keyRing.keyForWriting('c-1');
    const other = await keyRing.keyForWriting('c-2');
    const complaint = (k: typeof key, message: string) => protectEventData('ComplaintOpened', { complaintId: 'x', message }, k);
    inner.add('order-1', 'ComplaintOpened', complaint(key, 'before'));
    // Erased by another process: this ring still has the key cached.
    await new KeyRing(keys, () => master).erase('c-1');
    inner.add('customer-c-1', CUSTOMER_DATA_ERASED, { customerId: 'c-1' });
    inner.add('order-1', 'ComplaintOpened', complaint(key, 'written with a stale cached key'));
    inner.add('order-2', 'ComplaintOpened', complaint(other, 'someone else'));
    const messages = (await collect(store.readAll())).map((e) => e.data.message ?? e.type);
    expect(messages).toEqual(['before', CUSTOMER_DATA_ERASED, ERASED, 'someone else']);
    expect((await keyRing.keys([key.keyId])).size).toBe(0);
  });
});
