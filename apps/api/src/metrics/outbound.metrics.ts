import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { METRICS, type Metrics } from '@app/observability';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

/**
 * Per-subscription delivered, failed, dead and lag, from the outbound tables at scrape time:
 * right in every MODE, whichever process delivers. A deleted subscription's series disappear.
 * Labels are subscription ids only: never a URL (it may carry a token) nor a secret.
 */
@Injectable()
export class OutboundMetrics implements OnModuleInit {
  constructor(@Inject(METRICS) private readonly metrics: Metrics, private readonly subscriptions: SubscriptionsService) {}

  onModuleInit(): void {
    const gauges = [this.metrics.outboundDelivered, this.metrics.outboundFailed, this.metrics.outboundDead, this.metrics.outboundLag, this.metrics.outboundLagSeconds];
    this.metrics.onScrape(async () => {
      const all = await this.subscriptions.list();
      for (const gauge of gauges) gauge.reset();
      for (const s of all) {
        const subscription = { subscription: s.subscriptionId };
        this.metrics.outboundDelivered.set(subscription, s.delivered);
        this.metrics.outboundFailed.set(subscription, s.failed);
        this.metrics.outboundDead.set(subscription, s.dead);
        this.metrics.outboundLag.set(subscription, s.lag.events);
        this.metrics.outboundLagSeconds.set(subscription, s.lag.seconds);
      }
    });
  }
}
