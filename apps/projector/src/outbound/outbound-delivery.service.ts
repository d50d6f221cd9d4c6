import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { PG_POOL } from '@app/database';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { KEY_RING, type KeyRing } from '@app/privacy';
import { DeliveryRuntime, SinkRegistry, type DeliveryOptions } from '@app/projections/outbound';
import type { Pool } from 'pg';

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

/** Outbound delivery (docs/outbound.md) in the projector process: started with the app, stopped before the pool closes. */
@Injectable()
export class OutboundDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runtime: DeliveryRuntime;
  private readonly sinks: SinkRegistry;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(RAW_EVENT_STORE) rawStore: EventStore,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(KEY_RING) keyRing: KeyRing,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DELIVERY_OPTIONS) options: Partial<DeliveryOptions>,
  ) {
    this.sinks = new SinkRegistry({
      webhookTimeoutMs: config.webhookTimeoutMs,
      webhookAllowedHosts: config.webhookAllowedHosts,
      natsUrl: config.natsUrl,
      masterKey: () => keyRing.ready(),
    });
    this.runtime = new DeliveryRuntime(
      { pool, rawStore, store, clock, sinks: (sink) => this.sinks.driverFor(sink) },
      { ...options, logger: new Logger('outbound') },
    );
  }

  onApplicationBootstrap(): void {
    this.runtime.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime.stop();
    await this.sinks.close();
  }
}
