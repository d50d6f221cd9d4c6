import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const MASTER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HMAC message of the key check value: a fixed label, so the value reveals nothing of the key. */
const CHECK_LABEL = 'order-management/pii-master-key/check/v1';

/** 32 bytes in standard or URL-safe base64; null when `text` is anything else. */
export function decodeMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === MASTER_KEY_BYTES ? bytes : null;
}

/**
 * The key that wraps every customer's data key (AES-256-GCM). It never encrypts personal data
 * itself, so rotating it means re-wrapping one small row per customer (docs/privacy.md).
 */
export class MasterKey {
  private constructor(private readonly key: Buffer, readonly source: string) {}

  static fromBytes(key: Buffer, source: string): MasterKey {
    if (key.length !== MASTER_KEY_BYTES) throw new Error(`A master key is ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
    return new MasterKey(Buffer.from(key), source);
  }

  static generate(source: string): MasterKey {
    return new MasterKey(randomBytes(MASTER_KEY_BYTES), source);
  }

  toBase64(): string {
    return this.key.toString('base64');
  }

  /** Stored beside the wrapped keys, so a different master key is caught at start, not at first decrypt. */
  checkValue(): string {
    return createHmac('sha256', this.key).update(CHECK_LABEL, 'utf8').digest('hex');
  }

  /** iv ‖ tag ‖ ciphertext. The key id and customer are authenticated: a wrapped key cannot move rows. */
  wrap(dataKey: Buffer, keyId: string, customerId: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(wrapAad(keyId, customerId));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  unwrap(wrapped: Buffer, keyId: string, customerId: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(keyId, customerId));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}

function wrapAad(keyId: string, customerId: string): Buffer {
  return Buffer.from(`customer-key:v1:${keyId}:${customerId}`, 'utf8');
}
