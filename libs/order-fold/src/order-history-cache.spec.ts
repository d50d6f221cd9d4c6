/** The write path's per-process fold cache, on the machine's PostgreSQL. */
import { randomUUID } from 'node:crypto';
import { chainEvents, GENESIS_HASH } from '@app/audit';
import { runMigrations } from '@app/database';
import { eventStoreMigrations, orderStream, PostgresEventStore, type EventStore, type NewEvent, type RecordedEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '@app/harness/test-database';
import type { OrderEvent } from '@app/ordering';
import { Pool } from 'pg';
import { complaintOpened, complaintResponded, placed } from '../../ordering/src/testing/fixtures';
import { loadOrder } from './load-order';
import { OrderHistoryCache } from './order-history-cache';

/** The real store, counting the events it hands out (to see what a load reads). */
function counting(store: EventStore): EventStore & { read: number } {
  const counted = Object.create(store) as EventStore & { read: number };
  counted.read = 0;
  counted.readStream = async function* (streamId, options) {
    for await (const e of store.readStream(streamId, options)) {
      counted.read += 1;
      yield e;
    }
  } as EventStore['readStream'];
  return counted;
}

describe('OrderHistoryCache', () => {
  let database: TestDatabase;
  let pool: Pool;
  let raw: PostgresEventStore;
  let store: EventStore & { read: number };
  const lastHash = new Map<string, string>();

  async function append(orderId: string, events: OrderEvent[], key?: string): Promise<void> {
    const head = await loadOrder(raw, orderId);
    const chained = chainEvents(events.map((e): NewEvent => ({
      eventId: randomUUID(), type: e.type, data: e.data as unknown as Record<string, unknown>,
      metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1, ...(key ? { idempotencyKey: key, requestHash: `h-${key}` } : {}) },
    })), lastHash.get(orderId) ?? GENESIS_HASH);
    await raw.append(orderStream(orderId), chained, head.revision ?? 'no_stream');
    lastHash.set(orderId, chained[chained.length - 1].metadata.hash);
  }

  beforeAll(async () => {
    database = await createTestDatabase('history_cache');
    pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
    await runMigrations(pool, eventStoreMigrations);
    raw = new PostgresEventStore(pool);
    store = counting(raw);
  });
  afterAll(async () => {
    await raw?.close();
    await pool?.end();
    await database?.drop();
  });

  it('reads only the events after what it folded, and answers what a full read answers, whoever appended', async () => {
    const responses = Array.from({ length: 200 }, () => complaintResponded('k-1'));
    await append('c-1', [placed(), complaintOpened('k-1'), ...responses]);
    const cache = new OrderHistoryCache({ ttlMs: 60_000 });
    store.read = 0;
    await cache.load(store, 'c-1');
    expect(store.read).toBe(202);
    // Another process appends two events, one under a key.
    await append('c-1', [complaintResponded('k-1')]);
    await append('c-1', [complaintResponded('k-1')], 'key-1');
    store.read = 0;
    const cached = await cache.load(store, 'c-1');
    expect(store.read).toBe(2);
    expect(cached).toEqual(await loadOrder(raw, 'c-1'));
    expect(cached.revision).toBe(203);
    expect(cached.keyed.map((e) => e.revision)).toEqual([203]);
    store.read = 0;
    await cache.load(store, 'c-1');
    expect(store.read).toBe(0);
  });

  it('trusts an entry for ttlMs only (it holds decrypted personal values), then reads the whole stream again', async () => {
    let now = 1_000;
    const cache = new OrderHistoryCache({ ttlMs: 30_000, now: () => now });
    await append('c-2', [placed(), complaintOpened('k-1')]);
    await cache.load(store, 'c-2');
    store.read = 0;
    now += 29_999;
    await cache.load(store, 'c-2');
    expect(store.read).toBe(0);
    now += 1;
    await cache.load(store, 'c-2');
    expect(store.read).toBe(2);
  });

  it('keeps at most maxOrders, dropping the least recently used, and never an order that does not exist', async () => {
    const cache = new OrderHistoryCache({ ttlMs: 60_000, maxOrders: 2 });
    for (const id of ['l-1', 'l-2', 'l-3']) await append(id, [placed()]);
    await cache.load(store, 'l-1');
    await cache.load(store, 'l-2');
    await cache.load(store, 'l-1');
    await cache.load(store, 'l-3');
    expect(cache.size).toBe(2);
    store.read = 0;
    await cache.load(store, 'l-1');
    expect(store.read).toBe(0);
    await cache.load(store, 'l-2');
    expect(store.read).toBe(1);
    expect((await cache.load(store, 'nobody')).revision).toBeNull();
    expect(cache.size).toBe(2);
  });

  it('a gap between what it folded and what it reads stops the load (never papered over)', async () => {
    const cache = new OrderHistoryCache({ ttlMs: 60_000 });
    await append('g-1', [placed(), complaintOpened('k-1'), complaintResponded('k-1')]);
    await cache.load(store, 'g-1');
    await append('g-1', [complaintResponded('k-1'), complaintResponded('k-1')]);
    const skipping: EventStore = Object.create(raw);
    skipping.readStream = async function* (streamId, options) {
      for await (const e of raw.readStream(streamId, options) as AsyncIterable<RecordedEvent>) if (e.revision !== 3) yield e;
    } as EventStore['readStream'];
    await expect(cache.load(skipping, 'g-1')).rejects.toThrow(/is at revision 2 but the next event read is revision 4/);
  });
});
