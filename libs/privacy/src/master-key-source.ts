import path from 'node:path';
import { ConfigError, readOrCreateSecretFile } from '@app/config';
import type { CustomerKeyStore } from './key-store';
import { decodeMasterKey, MasterKey } from './master-key';

export const MASTER_KEY_FILE = 'pii-master.key';

export interface MasterKeySettings {
  /** PII_MASTER_KEY (already validated by loadConfig). */
  piiMasterKey?: string;
  dataDir: string;
  /** Set: an external PostgreSQL, possibly shared by processes with different data directories. */
  databaseUrl?: string;
}

export interface MasterKeySource {
  load: () => Promise<MasterKey>;
  /** For the start-up log: where the key comes from (never the key). */
  notice: string;
  warning?: string;
}

/**
 * 1. PII_MASTER_KEY when set (production).
 * 2. The embedded default: DATA_DIR/pii-master.key, generated owner-only on first start.
 * 3. An external database without PII_MASTER_KEY (development, tests): processes with different
 *    data directories share that database, so a key file per directory cannot work; the key is
 *    kept in the database itself, with a warning, because then a copy of the database alone
 *    (a dump, a backup) can read every personal value it holds.
 */
export function masterKeySource(settings: MasterKeySettings, store: CustomerKeyStore): MasterKeySource {
  if (settings.piiMasterKey !== undefined) {
    const bytes = decodeMasterKey(settings.piiMasterKey);
    if (!bytes) throw new ConfigError('PII_MASTER_KEY', 'must be 32 bytes in base64, e.g. the output of `openssl rand -base64 32`');
    const key = MasterKey.fromBytes(bytes, 'PII_MASTER_KEY');
    return { load: async () => key, notice: 'Personal data: master key from PII_MASTER_KEY' };
  }
  if (settings.databaseUrl === undefined) return fileSource(path.resolve(settings.dataDir, MASTER_KEY_FILE));
  return {
    load: () => databaseKey(store),
    notice: 'Personal data: master key kept in the database (PII_MASTER_KEY is unset)',
    warning: 'PII_MASTER_KEY is unset with an external DATABASE_URL: the master key is kept in the database beside the keys it wraps, so a dump or backup alone can read personal data, and erased data stays readable in old backups. Set PII_MASTER_KEY in production (docs/privacy.md).',
  };
}

function fileSource(file: string): MasterKeySource {
  const { contents, created, loose } = readOrCreateSecretFile(file, () => `${MasterKey.generate(file).toBase64()}\n`);
  const bytes = decodeMasterKey(contents);
  if (!bytes) throw new ConfigError('PII_MASTER_KEY', `is unset and ${file} does not hold a 32-byte base64 key`);
  const key = MasterKey.fromBytes(bytes, file);
  return {
    load: async () => key,
    notice: created
      ? `Personal data: generated a master key (PII_MASTER_KEY is unset): ${file}. Back it up: without it no personal data can be read.`
      : `Personal data: master key from ${file} (PII_MASTER_KEY is unset)`,
    // A warning rather than a refusal: volumes and containers set modes in many ways.
    ...(loose ? { warning: `${file} is readable by group or others; chmod 600 it` } : {}),
  };
}

async function databaseKey(store: CustomerKeyStore): Promise<MasterKey> {
  const candidate = MasterKey.generate('the database');
  const stored = await store.storedMasterKey(candidate.toBase64(), candidate.checkValue());
  const bytes = stored === null ? null : decodeMasterKey(stored);
  if (!bytes) {
    throw new ConfigError('PII_MASTER_KEY', "is unset, but this database's customer keys are wrapped with a master key given from outside (PII_MASTER_KEY or a DATA_DIR/pii-master.key): start with that key");
  }
  return MasterKey.fromBytes(bytes, 'the database (PII_MASTER_KEY unset)');
}
