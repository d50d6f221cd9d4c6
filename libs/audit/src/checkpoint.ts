import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditSigningKey } from './signing-key';

export const CHECKPOINT_FORMAT = 'order-management/audit-checkpoint/v1';

/** A stream's head when the checkpoint was signed: its last revision and that event's hash. */
export interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * What a checkpoint signs. Checkpoints follow the global log without gaps: each one covers the
 * events after the previous one's `position` up to its own, and names the head of every stream
 * those events belong to. `previous` chains the checkpoints, so one removed from the middle shows.
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  sequence: number;
  /** SHA-256 (hex) of the previous checkpoint's body; null for the first. */
  previous: string | null;
  /** Global log position of the last event covered (opaque: only the store can compare it). */
  position: string;
  /** Events read since the previous checkpoint (those without a hash included). */
  events: number;
  createdAt: string;
  keyId: string;
  streams: Record<string, StreamHead>;
}

/** As stored and exported: the exact text signed and its Ed25519 signature. */
export interface SignedCheckpoint {
  sequence: number;
  body: string;
  signature: string;
}

export function checkpointDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export function signCheckpoint(content: Omit<CheckpointBody, 'format' | 'keyId'>, key: AuditSigningKey): SignedCheckpoint {
  const body = canonicalJson({ ...content, format: CHECKPOINT_FORMAT, keyId: key.keyId });
  return { sequence: content.sequence, body, signature: key.sign(body) };
}

/** The body, when the signature is the key's and the body is what it claims to be; else null (forged or altered). */
export function openCheckpoint(checkpoint: SignedCheckpoint, key: AuditSigningKey): CheckpointBody | null {
  if (!key.verify(checkpoint.body, checkpoint.signature)) return null;
  let body: CheckpointBody;
  try {
    body = JSON.parse(checkpoint.body) as CheckpointBody;
  } catch {
    return null;
  }
  if (body.format !== CHECKPOINT_FORMAT || body.sequence !== checkpoint.sequence || body.keyId !== key.keyId) return null;
  return body;
}
