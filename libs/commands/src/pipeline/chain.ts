import { chainEvents } from '@app/audit';
import type { NewEvent } from '@app/event-store';
import { schemaVersionOf, type OrderEventType } from '@app/ordering';
import type { OrderHistory } from '@app/order-fold';
import type { UnsealedEvent } from '@app/privacy';
import type { CommandContext } from '../command-context';

export interface ChainInput {
  ids: readonly string[];
  context: CommandContext;
  now: Date;
  requestHash: string;
  policyVersion: string;
}

/**
 * Step 5, chain: ids, metadata (actor, correlation, causation, key, business time, versions,
 * request fingerprint) and the hash chain continued from the order's last event.
 */
export function chainNewEvents(sealed: readonly UnsealedEvent[], history: OrderHistory, input: ChainInput): NewEvent[] {
  const metadata = metadataFor(input);
  return chainEvents(sealed.map((event, index) => ({
    eventId: input.ids[index],
    ...event,
    // Each type carries its own schema version (an upcaster reads the older ones).
    metadata: { ...metadata, schemaVersion: schemaVersionOf(event.type as OrderEventType) },
  })), history.lastHash);
}


function metadataFor({ context, now, requestHash, policyVersion }: ChainInput): Record<string, unknown> {
  const actor = context.actor.kind === 'system'
    ? { type: 'system', name: context.actor.name }
    : { type: 'token', role: context.actor.role, tokenName: context.actor.tokenName };
  return {
    actor,
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.correlationId,
    ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
    occurredAt: now.toISOString(),
    policyVersion,
    requestHash,
  };
}
