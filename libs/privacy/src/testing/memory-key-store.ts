import type { CustomerKeyStore, StoredKey } from '../key-store';

/** customer_keys in memory, counting the queries a key ring makes (unit specs). */
export class MemoryKeyStore implements CustomerKeyStore {
  readonly rows = new Map<string, StoredKey>();
  check: string | null = null;
  stored: string | null = null;
  queries = 0;

  async findLive(keyIds: readonly string[]): Promise<StoredKey[]> {
    this.queries += 1;
    return [...this.rows.values()].filter((r) => keyIds.includes(r.keyId) && r.wrappedKey);
  }

  async findByCustomer(customerId: string): Promise<StoredKey | null> {
    this.queries += 1;
    return this.rows.get(customerId) ?? null;
  }

  async insertIfNoLiveKey(customerId: string, keyId: string, wrappedKey: Buffer): Promise<StoredKey> {
    this.queries += 1;
    const row = this.rows.get(customerId);
    if (row?.wrappedKey) return row;
    const fresh = { customerId, keyId, wrappedKey, erasedAt: null };
    this.rows.set(customerId, fresh);
    return fresh;
  }

  async erase(customerId: string, keyIdIfNew: string): Promise<{ row: StoredKey; changed: boolean }> {
    this.queries += 1;
    const row = this.rows.get(customerId);
    if (row && !row.wrappedKey) return { row, changed: false };
    const erased = { customerId, keyId: row?.keyId ?? keyIdIfNew, wrappedKey: null, erasedAt: new Date() };
    this.rows.set(customerId, erased);
    return { row: erased, changed: true };
  }

  async checkValue(candidate: string): Promise<string> {
    this.check ??= candidate;
    return this.check;
  }

  async storedMasterKey(candidate: string, candidateCheckValue: string): Promise<string | null> {
    if (this.check === null) {
      this.check = candidateCheckValue;
      this.stored = candidate;
    }
    return this.stored;
  }
}
