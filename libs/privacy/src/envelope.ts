import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * One personal value as stored in an event: AES-256-GCM under the customer's data key, a fresh
 * 96-bit IV per value. Self-describing (`enc` is the format, `key` the data key's id), so a
 * reader needs no per-event version to know a value is protected, and old plaintext events
 * (written before encryption existed) are told apart value by value.
 */
export interface Envelope {
  enc: 'v1';
  /** Id of the data key (customer_keys.key_id): random, says nothing about the customer. */
  key: string;
  iv: string;
  ct: string;
  tag: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key id is authenticated too: an envelope cannot be passed off as another key's. */
const aad = (keyId: string) => Buffer.from(`pii:v1:${keyId}`, 'utf8');

export function seal(plaintext: string, keyId: string, key: Buffer): Envelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { enc: 'v1', key: keyId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Throws when the ciphertext, tag, IV or key id was altered, or the key is not this one. */
export function unseal(envelope: Envelope, key: Buffer): string {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(envelope.iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(envelope.key));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.enc === 'v1' && typeof v.key === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string' && typeof v.tag === 'string';
}
