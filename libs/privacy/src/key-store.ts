import type { Migration } from '@app/database';
import type { Pool } from 'pg';

export const CUSTOMER_KEYS_TABLE = 'customer_keys';
export const MASTER_KEY_CHECK_TABLE = 'privacy_master_key';

/**
 * One row per customer. Erasure sets wrapped_key to NULL and keeps the row (ids only, no
 * personal data): it answers "already erased" and lets a customer who comes back get a new key.
 */
export const privacyMigrations: Migration[] = [
  {
    id: 'privacy-0001-customer-keys',
    sql: `
      CREATE TABLE ${CUSTOMER_KEYS_TABLE} (
        customer_id text COLLATE "C" PRIMARY KEY,
        -- Random; what envelopes name. A new key gets a new id, so an erased id never comes back.
        key_id text COLLATE "C" NOT NULL UNIQUE,
        -- The data key wrapped by the master key (iv, tag, ciphertext); NULL once erased.
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      );
      -- The master key's check value (HMAC of a fixed label): a different key stops the start.
      CREATE TABLE ${MASTER_KEY_CHECK_TABLE} (
        id smallint PRIMARY KEY CHECK (id = 1),
        check_value text NOT NULL,
        -- Only without PII_MASTER_KEY on an external database (development): the key itself.
        stored_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export interface StoredKey {
  customerId: string;
  keyId: string;
  /** null once erased. */
  wrappedKey: Buffer | null;
  erasedAt: Date | null;
}

/** Where data keys are kept; PostgreSQL in the service, a map in unit specs. */
export interface CustomerKeyStore {
  /** Live keys among these ids; erased and unknown ids are absent. */
  findLive(keyIds: readonly string[]): Promise<StoredKey[]>;
  findByCustomer(customerId: string): Promise<StoredKey | null>;
  /** Stores a new key unless the customer already has a live one; answers the customer's live key. */
  insertIfNoLiveKey(customerId: string, keyId: string, wrappedKey: Buffer): Promise<StoredKey>;
  /**
   * Deletes the customer's key (a row with `keyIdIfNew` and no key when there was none). Answers
   * the row, and whether this call erased a live key or made the row.
   */
  erase(customerId: string, keyIdIfNew: string): Promise<{ row: StoredKey; changed: boolean }>;
  /** The stored check value, storing `candidate` first when there is none. */
  checkValue(candidate: string): Promise<string>;
  /**
   * The master key kept in the database (development fallback), storing `candidate` with its
   * check value when the database has none yet. null: the database uses a key given from outside.
   */
  storedMasterKey(candidate: string, candidateCheckValue: string): Promise<string | null>;
}

interface KeyRow {
  customer_id: string;
  key_id: string;
  wrapped_key: Buffer | null;
  erased_at: Date | null;
}

const COLUMNS = 'customer_id, key_id, wrapped_key, erased_at';
const toStored = (r: KeyRow): StoredKey => ({ customerId: r.customer_id, keyId: r.key_id, wrappedKey: r.wrapped_key, erasedAt: r.erased_at });

export class PostgresCustomerKeyStore implements CustomerKeyStore {
  constructor(private readonly pool: Pool) {}

  async findLive(keyIds: readonly string[]): Promise<StoredKey[]> {
    if (!keyIds.length) return [];
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT ${COLUMNS} FROM ${CUSTOMER_KEYS_TABLE} WHERE key_id = ANY($1::text[]) AND wrapped_key IS NOT NULL`, [keyIds]);
    return rows.map(toStored);
  }

  async findByCustomer(customerId: string): Promise<StoredKey | null> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT ${COLUMNS} FROM ${CUSTOMER_KEYS_TABLE} WHERE customer_id = $1`, [customerId]);
    return rows.length ? toStored(rows[0]) : null;
  }

  async insertIfNoLiveKey(customerId: string, keyId: string, wrappedKey: Buffer): Promise<StoredKey> {
    // A row without a key (erased) takes the new one: the customer came back with new data.
    // One round trip in the usual cases: the new key, or the live key the customer already had
    // (the write path calls this without looking first). The UNION's read sees the statement's
    // snapshot, so a key committed by a concurrent writer after it began comes back as no row.
    const { rows } = await this.pool.query<KeyRow>(
      `WITH made AS (
         INSERT INTO ${CUSTOMER_KEYS_TABLE} AS k (customer_id, key_id, wrapped_key) VALUES ($1, $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET key_id = EXCLUDED.key_id, wrapped_key = EXCLUDED.wrapped_key, created_at = now(), erased_at = NULL
         WHERE k.wrapped_key IS NULL
         RETURNING ${COLUMNS})
       SELECT ${COLUMNS} FROM made
       UNION ALL
       SELECT ${COLUMNS} FROM ${CUSTOMER_KEYS_TABLE} WHERE customer_id = $1 AND wrapped_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM made)`,
      [customerId, keyId, wrappedKey],
    );
    if (rows.length) return toStored(rows[0]);
    // Another writer made a key after this statement's snapshot: use that one.
    const existing = await this.findByCustomer(customerId);
    if (!existing?.wrappedKey) throw new Error('customer key vanished while being created; retry the command');
    return existing;
  }

  async erase(customerId: string, keyIdIfNew: string): Promise<{ row: StoredKey; changed: boolean }> {
    const { rows } = await this.pool.query<KeyRow>(
      `INSERT INTO ${CUSTOMER_KEYS_TABLE} AS k (customer_id, key_id, wrapped_key, erased_at) VALUES ($1, $2, NULL, now())
       ON CONFLICT (customer_id) DO UPDATE SET wrapped_key = NULL, erased_at = now()
       WHERE k.wrapped_key IS NOT NULL
       RETURNING ${COLUMNS}`,
      [customerId, keyIdIfNew],
    );
    if (rows.length) return { row: toStored(rows[0]), changed: true };
    const existing = await this.findByCustomer(customerId);
    if (!existing) throw new Error('customer key row vanished while being erased');
    return { row: existing, changed: false };
  }

  async checkValue(candidate: string): Promise<string> {
    await this.pool.query(
      `INSERT INTO ${MASTER_KEY_CHECK_TABLE} (id, check_value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [candidate]);
    const { rows } = await this.pool.query<{ check_value: string }>(`SELECT check_value FROM ${MASTER_KEY_CHECK_TABLE} WHERE id = 1`);
    return rows[0].check_value;
  }

  async storedMasterKey(candidate: string, candidateCheckValue: string): Promise<string | null> {
    await this.pool.query(
      `INSERT INTO ${MASTER_KEY_CHECK_TABLE} (id, check_value, stored_key) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`,
      [candidateCheckValue, candidate],
    );
    const { rows } = await this.pool.query<{ stored_key: string | null }>(`SELECT stored_key FROM ${MASTER_KEY_CHECK_TABLE} WHERE id = 1`);
    return rows[0].stored_key;
  }
}
