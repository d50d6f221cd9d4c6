import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { MasterKey } from '@app/privacy';
import type { StoredSecret } from './subscription';

/** Standard Webhooks: `whsec_` then base64 of 24 to 64 random bytes; we use 32. */
export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** After a rotation the previous secret signs alongside the new one this long. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export interface NewSecret {
  /** Shown to the caller once (POST /subscriptions, rotate-secret), never stored in clear. */
  secret: string;
  stored: StoredSecret;
}

/**
 * Secrets are needed in clear to sign (HMAC), so they cannot be hashed: they are wrapped with
 * the master key of personal data (AES-256-GCM, the subscription id authenticated), so a
 * database dump alone cannot sign messages (docs/outbound.md "Secrets").
 */
export function newSecret(masterKey: MasterKey, subscriptionId: string): NewSecret {
  const bytes = randomBytes(SECRET_BYTES);
  const keyId = randomUUID();
  const wrapped = masterKey.wrap(bytes, keyId, wrapOwner(subscriptionId)).toString('base64');
  return { secret: SECRET_PREFIX + bytes.toString('base64'), stored: { keyId, wrapped, expiresAt: null } };
}

/** The secrets that still sign at `now`: the current one first, then a rotated one until it expires. */
export function signingKeys(masterKey: MasterKey, subscriptionId: string, secrets: readonly StoredSecret[], now: Date): Buffer[] {
  return secrets
    .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => masterKey.unwrap(Buffer.from(s.wrapped, 'base64'), s.keyId, wrapOwner(subscriptionId)));
}

/** A rotation: the new secret first, the current one kept for ROTATION_OVERLAP_MS, older ones dropped. */
export function rotated(current: readonly StoredSecret[], fresh: StoredSecret, now: Date): StoredSecret[] {
  const live = current.find((s) => s.expiresAt === null);
  const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
  return [fresh, ...(live ? [{ ...live, expiresAt }] : [])];
}

/** `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per key, space-separated. */
export function signature(keys: readonly Buffer[], id: string, timestamp: number, body: string): string {
  return keys.map((key) => `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`).join(' ');
}

const wrapOwner = (subscriptionId: string) => `outbound-subscription:${subscriptionId}`;
