import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/audit';
import type { OrderCommand } from '@app/ordering';
import { commandCarriesPersonalData, keyedFingerprint, type KeyRing } from '@app/privacy';
import type { CommandContext } from './command-context';

/**
 * The request fingerprint kept in OrderPlaced's metadata and the idempotency records, to tell a
 * retry of the same request from a different one. When the body carries personal data it is
 * keyed with the customer's data key (a plain hash would let anyone confirm a guessed e-mail
 * or address forever, since metadata is immutable); otherwise a plain SHA-256 as before.
 */
export class RequestFingerprints {
  constructor(private readonly keyRing: KeyRing) {}

  /**
   * Whether an earlier request's stored fingerprint is this request's. Never creates a key: after
   * an erasure a keyed fingerprint cannot be matched any more (the retry is refused, not replayed).
   * A plain fingerprint still matches, as stored before fingerprints were keyed.
   */
  async matcher(command: OrderCommand, context: CommandContext, customerId: string): Promise<(stored: unknown) => boolean> {
    const request = canonicalRequest(context);
    const plain = sha256(request);
    const key = customerId && commandCarriesPersonalData(command) ? await this.keyRing.currentKey(customerId) : null;
    const keyed = key ? keyedFingerprint(key, request) : null;
    return (stored) => stored === plain || (keyed !== null && stored === keyed);
  }

  /** The fingerprint to store with the new events (the key exists by then: protectEvents made it). */
  async toStore(command: OrderCommand, context: CommandContext, customerId: string): Promise<string> {
    const request = canonicalRequest(context);
    if (!commandCarriesPersonalData(command)) return sha256(request);
    return keyedFingerprint(await this.keyRing.keyForWriting(customerId), request);
  }
}


const canonicalRequest = (context: CommandContext): string => canonicalJson({ path: context.path, body: context.body });
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
