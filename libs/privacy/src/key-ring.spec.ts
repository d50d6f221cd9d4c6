import { ConfigError } from '@app/config';
import { KeyRing } from './key-ring';
import { MasterKey } from './master-key';
import { MemoryKeyStore } from './testing/memory-key-store';

function ring(store = new MemoryKeyStore(), master = MasterKey.generate('test'), clock = { now: 0 }) {
  return { store, clock, keyRing: new KeyRing(store, () => master, { ttlMs: 1000, now: () => clock.now }) };
}

describe('KeyRing', () => {
  it('makes one key per customer on first need and finds it again, in one query per batch of ids', async () => {
    const { store, keyRing } = ring();
    const a = await keyRing.keyForWriting('c-a');
    const b = await keyRing.keyForWriting('c-b');
    expect(await keyRing.keyForWriting('c-a')).toEqual(a);
    expect(a.key.length).toBe(32);
    expect(a.keyId).not.toBe(b.keyId);
    expect(store.rows.get('c-a')?.wrappedKey?.includes(a.key)).toBe(false);

    const fresh = new KeyRing(store, keyRingMaster(keyRing), { ttlMs: 1000 });
    store.queries = 0;
    const found = await fresh.keys([a.keyId, b.keyId, 'unknown']);
    expect([...found.keys()].sort()).toEqual([a.keyId, b.keyId].sort());
    expect(found.get(a.keyId)?.key).toEqual(a.key);
    expect(store.queries).toBe(1);
    await fresh.keys([a.keyId, b.keyId, 'unknown']);
    expect(store.queries).toBe(1);
  });

  it('trusts its cache for the TTL only: an erasure made elsewhere is seen once it expires', async () => {
    const { store, clock, keyRing } = ring();
    const key = await keyRing.keyForWriting('c-a');
    const elsewhere = new KeyRing(store, keyRingMaster(keyRing), { ttlMs: 1000, now: () => clock.now });
    await elsewhere.erase('c-a');
    expect((await keyRing.keys([key.keyId])).has(key.keyId)).toBe(true);
    clock.now += 1000;
    expect((await keyRing.keys([key.keyId])).has(key.keyId)).toBe(false);
  });

  it('erases at once in its own process; a customer who comes back gets a new key, the old one stays gone', async () => {
    const { keyRing } = ring();
    const old = await keyRing.keyForWriting('c-a');
    expect(await keyRing.erase('c-a')).toEqual({ keyId: old.keyId, changed: true });
    expect(await keyRing.erase('c-a')).toEqual({ keyId: old.keyId, changed: false });
    expect((await keyRing.keys([old.keyId])).size).toBe(0);
    expect(await keyRing.currentKey('c-a')).toBeNull();
    const next = await keyRing.keyForWriting('c-a');
    expect(next.keyId).not.toBe(old.keyId);
    expect((await keyRing.keys([old.keyId])).size).toBe(0);
    expect(await keyRing.knows('c-a')).toBe(true);
    expect(await keyRing.knows('c-never')).toBe(false);
  });

  it('refuses a master key other than the one the database was set up with, naming PII_MASTER_KEY', async () => {
    const { store, keyRing } = ring();
    await keyRing.keyForWriting('c-a');
    const wrong = new KeyRing(store, () => MasterKey.generate('PII_MASTER_KEY'));
    await expect(wrong.ready()).rejects.toThrow(ConfigError);
    await expect(wrong.ready()).rejects.toThrow(/^Invalid configuration: PII_MASTER_KEY does not match/);
  });
});

/** The same master key as another ring's, for a second "process" on the same store. */
function keyRingMaster(other: KeyRing): () => Promise<MasterKey> {
  return () => other.ready();
}
