import type { Pool } from 'pg';
import { KeyRing } from './key-ring';
import { PostgresCustomerKeyStore } from './key-store';
import { masterKeySource, type MasterKeySettings } from './master-key-source';

export interface KeyRingSettings extends MasterKeySettings {
  /** PII_KEY_CACHE_MS. */
  piiKeyCacheMs: number;
}

export interface OpenedKeyRing {
  keyRing: KeyRing;
  /** Where the master key comes from, for the start-up log; never the key itself. */
  notice: string;
  warning?: string;
}

/** The service's key ring on its PostgreSQL: the app, the CLIs and the tests build it the same way. */
export function keyRingFor(settings: KeyRingSettings, pool: Pool): OpenedKeyRing {
  const store = new PostgresCustomerKeyStore(pool);
  const source = masterKeySource(settings, store);
  return { keyRing: new KeyRing(store, source.load, { ttlMs: settings.piiKeyCacheMs }), notice: source.notice, warning: source.warning };
}
