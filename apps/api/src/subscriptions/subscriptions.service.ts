import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { PG_POOL } from '@app/database';
import { EVENT_STORE, orderStream, RAW_EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { KEY_RING, type KeyRing } from '@app/privacy';
import {
  newSecret, rotated, SubscriptionExistsError, SubscriptionStore, webhookUrlProblem,
  type DeliveryRecord, type SkipBefore, type Sink, type Subscription,
} from '@app/projections/outbound';
import { inTransaction } from '@app/projections/runtime';
import type { Pool } from 'pg';
import { ProblemException, problem } from '../http/problem';
import type {
  CreateSubscriptionDto, CreatedSubscriptionDto, DeliveriesQuery, DeliveryDto, DeliveryPageDto, ReplayDto, RotatedSecretDto, SubscriptionDto,
} from './subscription.dto';

const invalid = (field: string, message: string) => new ProblemException(problem(400, 'validation_failed', 'The request is malformed; see errors.', [{ field, message }]));
const notFound = (id: string) => new ProblemException(problem(404, 'subscription_not_found', `No subscription ${id}.`));

/** The subscriptions API (docs/outbound.md): what the controller asks, against outbound.* and the event store. */
@Injectable()
export class SubscriptionsService {
  private readonly subscriptions: SubscriptionStore;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RAW_EVENT_STORE) private readonly rawStore: EventStore,
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.subscriptions = new SubscriptionStore(pool);
  }

  async create(body: CreateSubscriptionDto): Promise<CreatedSubscriptionDto> {
    const sink = this.checkedSink(body.sink);
    const startFrom = body.startFrom ?? 'now';
    if (typeof startFrom === 'object' && 'position' in startFrom) this.checkPosition('startFrom.position', startFrom.position);
    const position = startFrom === 'now' ? await this.store.headPosition() : null;
    const skipBefore: SkipBefore | null = typeof startFrom === 'object' ? startFrom : null;
    const secret = sink.type === 'webhook' ? newSecret(await this.keyRing.ready(), body.subscriptionId) : null;
    const subscription: Subscription = {
      subscriptionId: body.subscriptionId,
      sink,
      eventTypes: body.eventTypes ?? null,
      personalData: body.personalData ?? false,
      paused: false,
      position,
      skipBefore,
      secrets: secret ? [secret.stored] : [],
      createdAt: this.clock.now(),
    };
    try {
      await this.subscriptions.create(subscription);
    } catch (error) {
      if (error instanceof SubscriptionExistsError) throw new ProblemException(problem(409, error.code, error.message));
      throw error;
    }
    return { ...(await this.view(subscription)), ...(secret ? { secret: secret.secret } : {}) };
  }

  async list(): Promise<SubscriptionDto[]> {
    return Promise.all((await this.subscriptions.all()).map((s) => this.view(s)));
  }

  async get(id: string): Promise<SubscriptionDto> {
    return this.view(await this.existing(id));
  }

  async pause(id: string): Promise<SubscriptionDto> {
    if (!(await this.subscriptions.setPaused(id, true))) throw notFound(id);
    return this.get(id);
  }

  /** Active again; dead letters are tried again from their first attempt. */
  async resume(id: string): Promise<SubscriptionDto> {
    await this.existing(id);
    await inTransaction(this.pool, async (client) => {
      await client.query('UPDATE outbound.subscriptions SET paused = false WHERE subscription_id = $1', [id]);
      await this.subscriptions.rearmDeadLetters(client, id, this.clock.now());
    });
    return this.get(id);
  }

  async rotateSecret(id: string): Promise<RotatedSecretDto> {
    const subscription = await this.existing(id);
    if (subscription.sink.type !== 'webhook') throw new ProblemException(problem(422, 'not_a_webhook', `Subscription ${id} is not a webhook: it has no secret.`));
    const now = this.clock.now();
    const fresh = newSecret(await this.keyRing.ready(), id);
    const secrets = rotated(subscription.secrets, fresh.stored, now);
    await this.subscriptions.setSecrets(id, secrets);
    return { subscriptionId: id, secret: fresh.secret, previousSecretExpiresAt: secrets[1]?.expiresAt ?? null };
  }

  async delete(id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw notFound(id);
  }

  async deliveries(id: string, query: DeliveriesQuery): Promise<DeliveryPageDto> {
    await this.existing(id);
    const limit = query.limit ? Number(query.limit) : 50;
    const rows = await this.subscriptions.deliveries(id, { outcome: query.state, orderId: query.orderId, before: query.cursor, limit });
    return { items: rows.map(deliveryView), nextCursor: rows.length === limit ? rows[rows.length - 1].deliveryId : null };
  }

  /** Exactly one of the three. Dead letters are tried again too. */
  async replay(id: string, body: ReplayDto): Promise<Record<string, string>> {
    const given = (['fromPosition', 'fromTime', 'orderId'] as const).filter((k) => body[k] !== undefined && body[k] !== null);
    if (given.length !== 1) throw invalid('body', 'exactly one of fromPosition, fromTime and orderId is required');
    const subscription = await this.existing(id);
    if (body.fromPosition !== undefined) this.checkPosition('fromPosition', body.fromPosition);
    const events = body.orderId !== undefined ? await this.orderEvents(body.orderId, subscription.eventTypes) : [];
    const now = this.clock.now();
    await inTransaction(this.pool, async (client) => {
      if (body.orderId !== undefined) await this.subscriptions.insertPending(client, id, events, now);
      else await this.subscriptions.rewind(client, id, body.fromPosition !== undefined ? { position: body.fromPosition } : { time: body.fromTime! });
      await this.subscriptions.rearmDeadLetters(client, id, now);
    });
    return { [given[0]]: body[given[0]]! };
  }

  private async orderEvents(orderId: string, types: string[] | null): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.rawStore.readStream(orderStream(orderId))) if (!types || types.includes(event.type)) events.push(event);
    if (!events.length) throw new ProblemException(problem(404, 'order_not_found', `No order ${orderId}.`));
    return events;
  }

  private async existing(id: string): Promise<Subscription> {
    const subscription = await this.subscriptions.find(id);
    if (!subscription) throw notFound(id);
    return subscription;
  }

  private checkedSink(sink: CreateSubscriptionDto['sink']): Sink {
    if (sink.type === 'webhook') {
      const refused = webhookUrlProblem(sink.url!, this.config.webhookAllowedHosts);
      if (refused) throw invalid('sink.url', `sink.url ${refused}`);
      return { type: 'webhook', url: sink.url! };
    }
    if (!this.config.natsUrl) throw new ProblemException(problem(422, 'nats_not_configured', 'This service has no NATS server (NATS_URL is unset): a nats sink cannot be delivered.'));
    return { type: 'nats', subject: sink.subject! };
  }

  /** A position this store could not have made is a 400 (the adapter's comparison refuses it). */
  private checkPosition(field: string, position: string): void {
    try {
      this.store.comparePositions(position, position);
    } catch {
      throw invalid(field, `${field} is not a position of this store`);
    }
  }

  private async view(subscription: Subscription): Promise<SubscriptionDto> {
    const totals = await this.subscriptions.totals(subscription.subscriptionId);
    const unread = await this.store.countAfter(subscription.position);
    const now = this.clock.now();
    return {
      subscriptionId: subscription.subscriptionId,
      sink: subscription.sink,
      eventTypes: subscription.eventTypes,
      personalData: subscription.personalData,
      state: totals.state,
      createdAt: subscription.createdAt.toISOString(),
      lag: {
        events: totals.pending + (subscription.skipBefore ? 0 : unread),
        seconds: totals.oldestPendingAt ? Math.max(0, Math.round((now.getTime() - totals.oldestPendingAt.getTime()) / 1000)) : 0,
      },
      delivered: totals.delivered,
      failed: totals.failed,
      dead: totals.dead,
      lastDelivery: totals.lastDelivery && deliveryView(totals.lastDelivery),
    };
  }
}

function deliveryView(d: DeliveryRecord): DeliveryDto {
  const { outcome, attemptedAt, ...rest } = d;
  return { ...rest, state: outcome, attemptedAt: attemptedAt.toISOString() };
}
