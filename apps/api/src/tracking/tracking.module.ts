import { Logger, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { PG_POOL } from '@app/database';
import { TrackingLinks } from './tracking-links';
import { TrackingLinksController } from './tracking-links.controller';
import { TrackingPageController } from './tracking-page.controller';
import { TRACKING_SECRET, trackingSecretSource, type TrackingSecret } from '@app/projections/customers';

/** Customers' tracking links and page (docs/tracking.md). TrackingLinks is exported for POST /orders. */
@Module({
  controllers: [TrackingLinksController, TrackingPageController],
  providers: [
    {
      provide: TRACKING_SECRET,
      useFactory: (config: AppConfig, pool: Pool): TrackingSecret => {
        const source = trackingSecretSource(config, pool);
        const logger = new Logger('tracking');
        logger.log(source.notice);
        if (source.warning) logger.warn(source.warning);
        // Read on first use, not while the app starts: a start refused for another reason (a wrong
        // PII_MASTER_KEY closes the pool) must report that reason, not this query's failure.
        let loaded: Promise<Buffer> | undefined;
        return {
          get: () => {
            loaded ??= source.load().catch((error: unknown) => {
              loaded = undefined;
              throw error;
            });
            return loaded;
          },
        };
      },
      inject: [APP_CONFIG, PG_POOL],
    },
    TrackingLinks,
  ],
  exports: [TrackingLinks],
})
export class TrackingModule {}
