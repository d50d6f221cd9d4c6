import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TrackingLinks } from './tracking-links';
import { TrackingLinksController } from './tracking-links.controller';
import { TrackingPageController } from './tracking-page.controller';
import { TRACKING_SECRET, trackingSecretSource } from './tracking-secret';

/** Customers' tracking links and page (docs/tracking.md). TrackingLinks is exported for POST /orders. */
@Module({
  controllers: [TrackingLinksController, TrackingPageController],
  providers: [
    {
      provide: TRACKING_SECRET,
      useFactory: (config: AppConfig) => {
        const source = trackingSecretSource(config);
        const logger = new Logger('tracking');
        logger.log(source.notice);
        if (source.warning) logger.warn(source.warning);
        return source.secret;
      },
      inject: [APP_CONFIG],
    },
    TrackingLinks,
  ],
  exports: [TrackingLinks],
})
export class TrackingModule {}
