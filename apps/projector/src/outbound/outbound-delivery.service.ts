import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { PG_POOL } from '@app/database';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import type { BusinessCalendar } from '@app/ordering';
import { BUSINESS_CALENDAR } from '@app/platform';
import { KEY_RING, type KeyRing } from '@app/privacy';
import { currentTrackingUrl, trackingSecretSource } from '@app/projections/customers';
import { EmailSink, ensureEmailSubscription, mailTransport } from '@app/projections/notifications';
import { DeliveryRuntime, SinkRegistry, SubscriptionStore, type DeliveryOptions } from '@app/projections/outbound';
import type { Pool } from 'pg';

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

/**
 * Outbound delivery (docs/outbound.md) in the projector process: started with the app, stopped
 * before the pool closes. It also sends the customers' emails (docs/notifications.md): one more
 * sink, on a subscription it makes at start.
 */
@Injectable()
export class OutboundDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runtime: DeliveryRuntime;
  private readonly sinks: SinkRegistry;
  private readonly logger = new Logger('outbound');

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RAW_EVENT_STORE) private readonly rawStore: EventStore,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEY_RING) keyRing: KeyRing,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BUSINESS_CALENDAR) calendar: BusinessCalendar,
    @Inject(DELIVERY_OPTIONS) options: Partial<DeliveryOptions>,
  ) {
    const transport = mailTransport({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, dataDir: config.dataDir });
    let trackingSecret: Promise<Buffer> | undefined;
    this.sinks = new SinkRegistry({
      webhookTimeoutMs: config.webhookTimeoutMs,
      webhookAllowedHosts: config.webhookAllowedHosts,
      natsUrl: config.natsUrl,
      masterKey: () => keyRing.ready(),
      email: new EmailSink({
        pool, store, calendar, transport, from: config.mail.from, staffEmail: config.mail.staffEmail,
        trackingUrl: async (orderId) => {
          // Made on first use: the API's tracking module reports where the secret comes from.
          trackingSecret ??= trackingSecretSource(config, pool).load().catch((error: unknown) => {
            trackingSecret = undefined;
            throw error;
          });
          return currentTrackingUrl(pool, await trackingSecret, config.tracking.publicBaseUrl, orderId);
        },
      }),
    });
    this.logger.log(`Emails: ${transport.description}${config.mail.staffEmail ? '' : '; no staff alerts (STAFF_EMAIL is unset)'}`);
    this.runtime = new DeliveryRuntime(
      { pool, rawStore, store, clock, sinks: (sink) => this.sinks.driverFor(sink) },
      { ...options, logger: new Logger('outbound') },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureEmailSubscription(new SubscriptionStore(this.pool), this.rawStore, this.clock.now());
    this.runtime.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime.stop();
    await this.sinks.close();
  }
}
