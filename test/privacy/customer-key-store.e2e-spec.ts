import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '@app/database';
import { PostgresCustomerKeyStore, privacyMigrations } from '@app/privacy';
import { createTestDatabase, type TestDatabase } from '@app/harness';

/**
 * insertIfNoLiveKey is the write path's only key query for a customer not cached in the process:
 * it must hand back the key already live, never replace it, and replace only an erased one.
 */
describe('PostgresCustomerKeyStore.insertIfNoLiveKey (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresCustomerKeyStore;

  beforeAll(async () => {
    db = await createTestDatabase('keys');
    pool = new Pool({ connectionString: db.url, max: 8 });
    // pool.end() resolves before its sockets close; the forced drop then terminates them.
    pool.on('error', () => undefined);
    await runMigrations(pool, privacyMigrations);
    store = new PostgresCustomerKeyStore(pool);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const candidate = () => ({ keyId: randomUUID(), wrapped: randomBytes(60) });

  it('stores the first key, then answers it to every later writer', async () => {
    const first = candidate();
    const made = await store.insertIfNoLiveKey('c-new', first.keyId, first.wrapped);
    expect(made).toMatchObject({ customerId: 'c-new', keyId: first.keyId, erasedAt: null });
    expect(made.wrappedKey?.equals(first.wrapped)).toBe(true);

    const second = candidate();
    const kept = await store.insertIfNoLiveKey('c-new', second.keyId, second.wrapped);
    expect(kept.keyId).toBe(first.keyId);
    expect(kept.wrappedKey?.equals(first.wrapped)).toBe(true);
  });

  it('gives an erased customer a new key', async () => {
    const old = candidate();
    await store.insertIfNoLiveKey('c-back', old.keyId, old.wrapped);
    await store.erase('c-back', randomUUID());
    const next = candidate();
    const made = await store.insertIfNoLiveKey('c-back', next.keyId, next.wrapped);
    expect(made.keyId).toBe(next.keyId);
    expect((await store.findLive([old.keyId, next.keyId])).map((k) => k.keyId)).toEqual([next.keyId]);
  });

  it('answers one key to 20 concurrent first writers', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => {
      const c = candidate();
      return store.insertIfNoLiveKey('c-race', c.keyId, c.wrapped);
    }));
    expect(new Set(answers.map((k) => k.keyId)).size).toBe(1);
    expect((await store.findByCustomer('c-race'))?.keyId).toBe(answers[0].keyId);
  });
});
