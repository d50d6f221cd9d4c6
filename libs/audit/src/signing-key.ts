import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readOrCreateSecretFile } from '@app/config';

export const SIGNING_KEY_FILE = 'audit-signing.key';
const SEED_BYTES = 32;
/** PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows it (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The Ed25519 key that signs audit checkpoints. It is never stored in the database: someone who
 * can rewrite the event log must not be able to sign a matching checkpoint.
 */
export class AuditSigningKey {
  /** First 16 hex digits of the SHA-256 of the raw public key: names the key in each checkpoint. */
  readonly keyId: string;
  /** Raw 32-byte public key, base64: what an auditor needs to check signatures elsewhere. */
  readonly publicKeyBase64: string;
  private readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    const raw = this.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    this.publicKeyBase64 = raw.toString('base64');
    this.keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  }

  static fromSeed(seed: Buffer): AuditSigningKey {
    if (seed.length !== SEED_BYTES) throw new Error(`An Ed25519 seed is ${SEED_BYTES} bytes, got ${seed.length}`);
    return new AuditSigningKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }));
  }

  static generateSeedBase64(): string {
    return randomBytes(SEED_BYTES).toString('base64');
  }

  /** Base64 Ed25519 signature of the text's UTF-8 bytes. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }

  verify(text: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(text, 'utf8'), this.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }
}

export interface SigningKeySettings {
  /** AUDIT_SIGNING_KEY (already validated by loadConfig). */
  auditSigningKey?: string;
  dataDir: string;
  databaseUrl?: string;
}

export interface SigningKeySource {
  /** Null: checkpoints are neither signed nor checked (external database without AUDIT_SIGNING_KEY). */
  key: AuditSigningKey | null;
  /** For the start-up log: where the key comes from (never the key). */
  notice: string;
  warning?: string;
}

/**
 * 1. AUDIT_SIGNING_KEY when set (production: every process of the service, the same key).
 * 2. The embedded default: DATA_DIR/audit-signing.key, generated owner-only on first start
 *    (`create: false`, for read-only tools, uses it only if it exists).
 * 3. An external database without AUDIT_SIGNING_KEY: no key. Keeping one in the database would
 *    defeat its purpose, and one per data directory would differ between processes sharing the
 *    database; so no checkpoint is signed or checked, with a warning.
 */
export function signingKeySource(settings: SigningKeySettings, options: { create: boolean } = { create: true }): SigningKeySource {
  if (settings.auditSigningKey !== undefined) {
    return { key: AuditSigningKey.fromSeed(Buffer.from(settings.auditSigningKey, 'base64')), notice: 'Audit checkpoints: signing key from AUDIT_SIGNING_KEY' };
  }
  if (settings.databaseUrl !== undefined) {
    return {
      key: null,
      notice: 'Audit checkpoints: disabled (AUDIT_SIGNING_KEY is unset)',
      warning: 'AUDIT_SIGNING_KEY is unset with an external DATABASE_URL: no audit checkpoint is signed or checked, so someone who can write the database can rewrite an order\'s history and recompute its hash chain undetected. Set AUDIT_SIGNING_KEY (docs/auditing.md).',
    };
  }
  const file = path.resolve(settings.dataDir, SIGNING_KEY_FILE);
  if (!options.create && !fs.existsSync(file)) return { key: null, notice: `Audit checkpoints: no signing key (${file} does not exist)` };
  const { contents, created, loose } = readOrCreateSecretFile(file, () => `${AuditSigningKey.generateSeedBase64()}\n`);
  const seed = Buffer.from(contents.trim(), 'base64');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(contents.trim()) || seed.length !== SEED_BYTES) {
    throw new ConfigError('AUDIT_SIGNING_KEY', `is unset and ${file} does not hold a 32-byte base64 key`);
  }
  return {
    key: AuditSigningKey.fromSeed(seed),
    notice: created
      ? `Audit checkpoints: generated a signing key (AUDIT_SIGNING_KEY is unset): ${file}. Keep it apart from database backups.`
      : `Audit checkpoints: signing key from ${file} (AUDIT_SIGNING_KEY is unset)`,
    ...(loose ? { warning: `${file} is readable by group or others; chmod 600 it` } : {}),
  };
}
