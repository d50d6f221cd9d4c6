import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '@app/config';
import type { CustomerKeyStore, StoredKey } from './key-store';
import type { MasterKey } from './master-key';

export interface DataKey {
  keyId: string;
  customerId: string;
  key: Buffer;
}

export interface KeyRingOptions {
  /**
   * How long an unwrapped key (or its absence) is trusted without asking the database. This
   * bounds how long another process may still decrypt after an erasure made elsewhere.
   */
  ttlMs?: number;
  /** Cached entries per map; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

export const DEFAULT_KEY_TTL_MS = 30_000;

interface Cached<T> {
  value: T;
  expires: number;
}

/**
 * Customers' data keys: looked up in batches, unwrapped with the master key, cached briefly,
 * created on first need and erased on request. The master key is loaded on first use (the
 * service awaits `ready()` at start so a wrong key stops it there).
 */
export class KeyRing {
  private readonly byId = new Map<string, Cached<DataKey | null>>();
  private readonly byCustomer = new Map<string, Cached<string | null>>();
  private masterKey?: Promise<MasterKey>;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly store: CustomerKeyStore, private readonly loadMasterKey: () => MasterKey | Promise<MasterKey>, options: KeyRingOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_KEY_TTL_MS;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Loads the master key and checks it against the database's check value (once). */
  ready(): Promise<MasterKey> {
    // A wrong key stays wrong; anything else (the database briefly away) is tried again next time.
    this.masterKey ??= this.checkedMasterKey().catch((error: unknown) => {
      if (!(error instanceof ConfigError)) this.masterKey = undefined;
      throw error;
    });
    return this.masterKey;
  }

  /** The live keys among these ids, in one query for those not cached. Erased ids are absent. */
  async keys(keyIds: Iterable<string>): Promise<Map<string, DataKey>> {
    const found = new Map<string, DataKey>();
    const missing: string[] = [];
    for (const keyId of new Set(keyIds)) {
      const cached = this.fresh(this.byId, keyId);
      if (cached === undefined) missing.push(keyId);
      else if (cached) found.set(keyId, cached.value as DataKey);
    }
    if (!missing.length) return found;
    const master = await this.ready();
    const rows = new Map((await this.store.findLive(missing)).map((row) => [row.keyId, row]));
    for (const keyId of missing) {
      const row = rows.get(keyId);
      const key = row ? unwrapped(master, row) : null;
      this.remember(this.byId, keyId, key);
      if (key) found.set(keyId, key);
    }
    return found;
  }

  /** The customer's live key, or null (never had one, or erased). Never creates one. */
  async currentKey(customerId: string): Promise<DataKey | null> {
    const cached = this.fresh(this.byCustomer, customerId);
    const keyId = cached ? cached.value : cached === null ? null : await this.lookUpCustomer(customerId);
    if (keyId === null) return null;
    return (await this.keys([keyId])).get(keyId) ?? null;
  }

  /** The customer's live key, made (and stored wrapped) when there is none. */
  async keyForWriting(customerId: string): Promise<DataKey> {
    const cached = this.fresh(this.byCustomer, customerId);
    if (cached) {
      const key = (await this.keys([cached.value as string])).get(cached.value as string);
      if (key) return key;
    }
    // Not known live here: one get-or-create round trip rather than a look-up first.
    const master = await this.ready();
    const keyId = randomUUID();
    const key = randomBytes(32);
    const row = await this.store.insertIfNoLiveKey(customerId, keyId, master.wrap(key, keyId, customerId));
    const stored = unwrapped(master, row);
    this.remember(this.byId, stored.keyId, stored);
    this.remember(this.byCustomer, customerId, stored.keyId);
    return stored;
  }

  /**
   * Deletes the customer's data key and forgets it in this process. Other processes keep a
   * cached copy for at most `ttlMs` (docs/privacy.md). `changed`: a key was live until now.
   */
  async erase(customerId: string): Promise<{ keyId: string; changed: boolean }> {
    const { row, changed } = await this.store.erase(customerId, randomUUID());
    this.forget(customerId);
    return { keyId: row.keyId, changed };
  }

  /** Has the customer a key row (live or erased)? */
  async knows(customerId: string): Promise<boolean> {
    return (await this.store.findByCustomer(customerId)) !== null;
  }

  /** Drops whatever this process cached about the customer. */
  forget(customerId: string): void {
    this.byCustomer.delete(customerId);
    for (const [keyId, entry] of this.byId) if (entry.value?.customerId === customerId) this.byId.delete(keyId);
  }

  private async lookUpCustomer(customerId: string): Promise<string | null> {
    const row = await this.store.findByCustomer(customerId);
    const keyId = row?.wrappedKey ? row.keyId : null;
    // The row carries the wrapped key: unwrap it now rather than fetch it again by id.
    if (row?.wrappedKey) this.remember(this.byId, row.keyId, unwrapped(await this.ready(), row));
    this.remember(this.byCustomer, customerId, keyId);
    return keyId;
  }

  /** undefined: not cached (or expired); null: cached as absent. */
  private fresh<T>(map: Map<string, Cached<T>>, id: string): Cached<T> | null | undefined {
    const entry = map.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      map.delete(id);
      return undefined;
    }
    return entry.value === null ? null : entry;
  }

  private remember<T>(map: Map<string, Cached<T>>, id: string, value: T): void {
    map.delete(id);
    map.set(id, { value, expires: this.now() + this.ttlMs });
    while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
  }

  private async checkedMasterKey(): Promise<MasterKey> {
    const master = await this.loadMasterKey();
    const expected = master.checkValue();
    const stored = await this.store.checkValue(expected);
    if (stored.length !== expected.length || !timingSafeEqual(Buffer.from(stored), Buffer.from(expected))) {
      throw new ConfigError('PII_MASTER_KEY', `does not match the master key this database's customer keys were wrapped with (key check value differs; this key came from ${master.source}). Start every process with the key the database was set up with.`);
    }
    return master;
  }
}

function unwrapped(master: MasterKey, row: StoredKey): DataKey {
  return { keyId: row.keyId, customerId: row.customerId, key: master.unwrap(row.wrappedKey as Buffer, row.keyId, row.customerId) };
}
