import { createHmac } from 'node:crypto';
import type { DataKey } from './key-ring';

/**
 * A request fingerprint keyed with the customer's data key. A plain SHA-256 of a body holding
 * an e-mail or address would stay in the (immutable) event metadata forever and let anyone
 * confirm a guess of the erased value; keyed, it cannot be tested once the key is erased.
 */
export function keyedFingerprint(key: DataKey, canonicalRequest: string): string {
  const fingerprintKey = createHmac('sha256', key.key).update('request-fingerprint/v1', 'utf8').digest();
  return createHmac('sha256', fingerprintKey).update(canonicalRequest, 'utf8').digest('hex');
}
