/** The auditors' reads (GET /orders/{id}/events, /verify, /state) and what the console makes of them. */
import diff from 'microdiff';
import { getJson, query, segment } from './api';

export interface AuditedEvent {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** valid, events, headHash, firstInvalidRevision; any further field (signed checkpoints…) is shown as it comes. */
export type Verification = { orderId: string; valid: boolean; events: number; headHash: string; firstInvalidRevision?: number } & Record<string, unknown>;

export const KNOWN_VERIFICATION_FIELDS = new Set(['orderId', 'valid', 'events', 'headHash', 'firstInvalidRevision']);

export const history = (orderId: string) =>
  getJson<{ orderId: string; events: AuditedEvent[] }>(`/orders/${segment(orderId)}/events`).then((answer) => answer.events);

export const verification = (orderId: string) => getJson<Verification>(`/orders/${segment(orderId)}/verify`);

export const stateAt = (orderId: string, at: { revision: number } | { at: string }) =>
  getJson<Record<string, unknown>>(`/orders/${segment(orderId)}/state${query(at)}`);

export type LinkStatus = 'verified' | 'broken' | 'unchecked';

/** An event's link in the hash chain: sound before the first invalid revision, broken from it on. */
export function linkStatus(revision: number, verified: Verification | undefined): LinkStatus {
  if (!verified) return 'unchecked';
  if (verified.valid) return revision < verified.events ? 'verified' : 'unchecked';
  return verified.firstInvalidRevision !== undefined && revision >= verified.firstInvalidRevision ? 'broken' : 'verified';
}

export function actorOf(metadata: Record<string, unknown>): string {
  const actor = metadata.actor as { type?: string; role?: string; tokenName?: string; name?: string } | undefined;
  if (!actor) return '—';
  if (actor.type === 'system') return `system: ${actor.name ?? '?'}`;
  return actor.tokenName ?? actor.role ?? actor.type ?? '—';
}

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** What differs between two states, path by path (updatedAt and revision change every time: left out). */
export function changes(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Change[] {
  return diff(before ?? {}, after)
    .map((change) => ({
      path: change.path.join('.'),
      kind: change.type === 'CREATE' ? 'added' as const : change.type === 'REMOVE' ? 'removed' as const : 'changed' as const,
      before: 'oldValue' in change ? change.oldValue : undefined,
      after: 'value' in change ? change.value : undefined,
    }))
    .filter((change) => change.path !== 'updatedAt' && change.path !== 'revision');
}
