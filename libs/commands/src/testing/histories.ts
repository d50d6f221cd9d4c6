/** Order histories as the store hands them back, for the pipeline's specs. */
import type { RecordedEvent } from '@app/event-store';
import type { OrderEvent } from '@app/ordering';
import { extendHistory, NO_HISTORY, type OrderHistory } from '@app/order-fold';
import type { CommandContext } from '../command-context';

export const SERVICE: CommandContext['actor'] = { kind: 'token', role: 'service', tokenName: 'service' };

export function contextFor(overrides: Partial<CommandContext> = {}): CommandContext {
  return { actor: SERVICE, correlationId: 'corr-1', path: 'POST /orders', body: {}, ...overrides };
}

/** `events` stored one after another, with the metadata each is given. */
export function historyOf(orderId: string, events: Array<{ event: OrderEvent; eventId?: string; metadata?: Record<string, unknown> }>): OrderHistory {
  const recorded: RecordedEvent[] = events.map(({ event, eventId, metadata }, revision) => ({
    eventId: eventId ?? `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    streamId: `order-${orderId}`,
    type: event.type,
    revision,
    position: `0/${revision + 1}`,
    recordedAt: new Date(Date.UTC(2026, 2, 2, 9, revision)),
    data: event.data as unknown as Record<string, unknown>,
    metadata: { occurredAt: new Date(Date.UTC(2026, 2, 2, 9, revision)).toISOString(), schemaVersion: 1, ...metadata },
  }));
  return extendHistory(NO_HISTORY, recorded);
}
