import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AdjustableClock, APP_CONFIG, CLOCK, SystemClock, type AppConfig } from '@app/config';
import { Database, DATABASE, PG_POOL, type Migration } from '@app/database';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { DecryptingEventStore, KEY_RING, type KeyRing } from '@app/privacy';
import { TOKEN_REGISTRY, TokenRegistry } from '@app/auth';
import { Metrics, METRICS } from '@app/observability';
import { instrumentAppends } from './instrumented-event-store';
import { calendarFromConfig, policyFromConfig } from './policy-from-config';
import { checkEventStoreAtStart, createEventStore } from './event-store.factory';
import { openKeyRing } from './key-ring.provider';
import { coreMigrations } from './core-migrations';
import { BUSINESS_CALENDAR, ORDER_POLICY } from './tokens';

export interface InfrastructureOptions {
  config: AppConfig;
  /** The app's own schema (idempotency, projections, ...), applied after the core migrations. */
  migrations?: Migration[];
}

class InfrastructureShutdown implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch(() => undefined);
    await this.database.close();
  }
}

/** Database (embedded or external), event store, clock, policy and tokens: shared by every mode. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot({ config, migrations = [] }: InfrastructureOptions): DynamicModule {
    const logger = new Logger('infrastructure');
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: DATABASE,
          useFactory: () =>
            Database.open({
              databaseUrl: config.databaseUrl,
              dataDir: config.dataDir,
              poolSize: config.pgPoolSize,
              migrations: [...coreMigrations(), ...migrations],
              // The server's own lines are noise unless debugging.
              log: (message) => (message.startsWith('postgres: ') ? logger.debug(message) : logger.log(message)),
            }),
        },
        { provide: PG_POOL, useFactory: (database: Database) => database.pool, inject: [DATABASE] },
        { provide: METRICS, useFactory: () => new Metrics() },
        { provide: KEY_RING, useFactory: (database: Database) => openKeyRing(config, database, logger), inject: [DATABASE] },
        {
          provide: RAW_EVENT_STORE,
          useFactory: async (database: Database, metrics: Metrics) => {
            const store = createEventStore(config, database.pool);
            await checkEventStoreAtStart(store, (message) => logger.warn(message));
            return instrumentAppends(store, (seconds) => metrics.appendDuration.observe(seconds));
          },
          inject: [DATABASE, METRICS],
        },
        // What every reader folds and shows: personal values decrypted, "[erased]" once erased.
        { provide: EVENT_STORE, useFactory: (raw: EventStore, keyRing: KeyRing) => new DecryptingEventStore(raw, keyRing), inject: [RAW_EVENT_STORE, KEY_RING] },
        { provide: CLOCK, useValue: config.testClock ? new AdjustableClock() : new SystemClock() },
        // The decider, the sla-timers projection and the scheduler judge time by the same rules.
        { provide: ORDER_POLICY, useValue: policyFromConfig(config) },
        { provide: BUSINESS_CALENDAR, useValue: calendarFromConfig(config) },
        { provide: TOKEN_REGISTRY, useFactory: () => tokenRegistry(config, logger) },
        InfrastructureShutdown,
      ],
      exports: [APP_CONFIG, DATABASE, PG_POOL, METRICS, EVENT_STORE, RAW_EVENT_STORE, KEY_RING, CLOCK, ORDER_POLICY, BUSINESS_CALENDAR, TOKEN_REGISTRY],
    };
  }
}

function tokenRegistry(config: AppConfig, logger: Logger): TokenRegistry {
  if (config.apiTokens) return TokenRegistry.fromSpec(config.apiTokens);
  const { registry, file, created } = TokenRegistry.fromDataDir(config.dataDir);
  logger.log(`${created ? 'Generated' : 'Using'} one API token per role (API_TOKENS is unset): ${file}`);
  return registry;
}
