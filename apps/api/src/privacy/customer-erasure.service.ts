import { Inject, Injectable } from '@nestjs/common';
import { chainEvents, GENESIS_HASH } from '@app/audit';
import { CLOCK, type Clock } from '@app/config';
import { customerStream, EVENT_STORE, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@app/event-store';
import { CUSTOMER_DATA_ERASED } from '@app/ordering';
import type { KeyRing } from '@app/privacy';
import { listOrderSummaries } from '@app/projections/order-status';
import type { Pool } from 'pg';
import { eventIdsFor } from '@app/commands';
import { KEY_RING } from '@app/privacy';
import { PG_POOL } from '@app/database';

export interface ErasureRequest {
  customerId: string;
  actor: { type: 'token'; role: string; tokenName: string };
  correlationId: string;
  causationId?: string;
}

export interface ErasureResult {
  customerId: string;
  erasedAt: string;
  position: string;
}

export class CustomerNotFoundError extends Error {
  readonly code = 'customer_not_found';
}

/** Concurrent erasures of one customer: the loser re-reads and finds the winner's event. */
const MAX_ATTEMPTS = 5;

/**
 * Crypto-shredding (docs/privacy.md): delete the customer's data key, so every sealed value of
 * theirs reads "[erased]" from then on, then record CustomerDataErased on `customer-<id>` so the
 * projections remove the plaintext copies they hold. The key goes first: a crash before the
 * append leaves nothing readable, and a retry appends the event. Idempotent: the event id is
 * derived from the erased key's id, so a repeat finds the first event and answers it again.
 */
@Injectable()
export class CustomerErasure {
  constructor(
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(request: ErasureRequest): Promise<ErasureResult> {
    const { customerId } = request;
    if (!(await this.isKnown(customerId))) throw new CustomerNotFoundError(`No customer ${customerId} is known here.`);
    const { keyId } = await this.keyRing.erase(customerId);
    const [eventId] = eventIdsFor(1, { idempotencyKey: `erase:${keyId}`, path: CUSTOMER_DATA_ERASED, orderId: customerId });
    const stream = customerStream(customerId);
    for (let attempt = 1; ; attempt += 1) {
      const events: RecordedEvent[] = [];
      for await (const event of this.store.readStream(stream)) events.push(event);
      const earlier = events.find((e) => e.eventId === eventId);
      if (earlier) return answer(customerId, earlier.metadata.occurredAt, earlier.position);
      const last = events.at(-1);
      const occurredAt = this.clock.now().toISOString();
      const [event] = chainEvents([{ eventId, type: CUSTOMER_DATA_ERASED, data: { customerId }, metadata: metadataFor(request, occurredAt) }],
        last ? String(last.metadata.hash ?? GENESIS_HASH) : GENESIS_HASH);
      try {
        const appended = await this.store.append(stream, [event], last ? last.revision : 'no_stream');
        return answer(customerId, occurredAt, appended.position);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** A key (live or erased) or an order in the read model: customers from before encryption have no key. */
  private async isKnown(customerId: string): Promise<boolean> {
    if (await this.keyRing.knows(customerId)) return true;
    const { items } = await listOrderSummaries(this.pool, { customerId, limit: 1 });
    return items.length > 0;
  }
}

function metadataFor(request: ErasureRequest, occurredAt: string): Record<string, unknown> {
  return {
    actor: request.actor,
    correlationId: request.correlationId,
    causationId: request.causationId ?? request.correlationId,
    occurredAt,
    schemaVersion: 1,
  };
}

function answer(customerId: string, erasedAt: unknown, position: string): ErasureResult {
  return { customerId, erasedAt: String(erasedAt), position };
}
