import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { orderStream, type EventStore, type RecordedEvent } from '@app/event-store';
import { foldStoredEvents, toDomainEvent } from '@app/order-fold';
import { orderDecider, type BusinessCalendar } from '@app/ordering';
import type { Attempt, AttemptResult, SinkDriver } from '../outbound';
import { composeNotifications, needsTrackingUrl } from './compose';
import type { Notification } from './email-content';
import { maskAddress, maskAddressesIn } from './mask';
import { messageIdFor, type MailTransport } from './mail-transport';
import { NotificationStore } from './notification-store';
import { renderEmail } from './render';

export interface EmailSinkOptions {
  pool: Pool;
  /** The decrypting store: addresses in clear, "[erased]" after an erasure. */
  store: EventStore;
  calendar: BusinessCalendar;
  transport: MailTransport;
  from: string;
  staffEmail?: string;
  /** The order's current tracking link (for the order confirmation). */
  trackingUrl: (orderId: string) => Promise<string>;
}

/**
 * The `email` sink: the emails one order event calls for (customer and/or staff), each sent at
 * most once per (event, kind, audience) as far as our records go (docs/notifications.md
 * "Exactly once"). The event counts as delivered when each of them is sent or refused for good;
 * a failing server makes it a retry, on the outbound schedule, and the emails already accepted
 * are not sent again.
 */
export class EmailSink implements SinkDriver {
  /** Emails to one server: 16 connections at most, however many webhooks the runtime keeps in flight. */
  readonly maxInFlight = 16;
  private readonly notifications: NotificationStore;

  constructor(private readonly options: EmailSinkOptions) {
    this.notifications = new NotificationStore(options.pool);
  }

  async deliver({ event, now }: Attempt): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const orderId = event.subject;
    const history = await readUpTo(this.options.store, orderId, Number(event.sequence));
    const recorded = history[history.length - 1];
    if (!recorded || recorded.eventId !== event.id) return { outcome: 'rejected', durationMs: elapsed(), error: `event ${event.id} is not in the store` };
    let notifications: Notification[];
    try {
      const domainEvent = toDomainEvent(recorded);
      notifications = composeNotifications({
        event: domainEvent,
        state: foldStoredEvents(orderDecider.initialState, history),
        calendar: this.options.calendar,
        trackingUrl: needsTrackingUrl(domainEvent) ? await this.options.trackingUrl(orderId) : undefined,
        staffEmail: this.options.staffEmail,
      });
    } catch (error) {
      // A bug, not a passing fault: a dead letter at once, visible, resumable once fixed.
      return { outcome: 'rejected', durationMs: elapsed(), error: `cannot compose: ${maskAddressesIn(describe(error))}` };
    }
    for (const notification of notifications) {
      const failure = await this.sendOnce(notification, recorded, orderId, now);
      if (failure) return { outcome: 'retry', durationMs: elapsed(), error: failure };
    }
    return { outcome: 'delivered', durationMs: elapsed() };
  }

  async close(): Promise<void> {
    await this.options.transport.close();
  }

  /** Sends one email unless a previous attempt did; answers the error when it should be tried again. */
  private async sendOnce(notification: Notification, recorded: RecordedEvent, orderId: string, now: Date): Promise<string | null> {
    const { kind, audience, to } = notification;
    const key = { eventId: recorded.eventId, kind, audience };
    const messageId = messageIdFor(recorded.eventId, kind, to, this.options.from);
    const state = await this.notifications.begin(key, { orderId, eventType: recorded.type, recipient: maskAddress(to), messageId }, now);
    if (state !== 'pending') return null;
    try {
      await this.options.transport.send({
        ...renderEmail(notification.content), to, messageId, fileName: fileNameOf(orderId, recorded.revision, kind, audience),
      });
    } catch (error) {
      const text = maskAddressesIn(describe(error));
      const permanent = refusesRecipient(error);
      await this.notifications.failed(key, text, permanent);
      return permanent ? null : text;
    }
    // Accepted: from here to this record is the one window where a crash sends the email again
    // (with the same Message-ID).
    await this.notifications.sent(key, now);
    return null;
  }
}

async function readUpTo(store: EventStore, orderId: string, revision: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(orderStream(orderId), { fromRevision: 0, toRevision: revision })) events.push(event);
  return events;
}

/** `<orderId>.<revision>.<kind>.<audience>.eml`: sorted by order, then in the order's own order. */
function fileNameOf(orderId: string, revision: number, kind: string, audience: string): string {
  return `${orderId.replace(/[^A-Za-z0-9_-]/g, '_')}.${String(revision).padStart(4, '0')}.${kind}.${audience}.eml`;
}

/** A 5xx answer to RCPT TO: this address will never take it; anything else (no server, 4xx, a 5xx to the connection) may pass later. */
function refusesRecipient(error: unknown): boolean {
  const { responseCode, command, code } = (error ?? {}) as { responseCode?: number; command?: string; code?: string };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && (command === 'RCPT TO' || code === 'EENVELOPE');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
