import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { METRICS, type Metrics } from '@app/observability';
import { PROJECTION_STATUS, type ProjectionStatusSource } from '@app/projections/nest';

/**
 * Projection lag, throughput, failure and events applied, read from the checkpoints at scrape
 * time: right in every MODE, whichever process runs the projection (the runner writes its state
 * and throughput there with every batch).
 */
@Injectable()
export class ProjectionLagMetrics implements OnModuleInit {
  constructor(@Inject(METRICS) private readonly metrics: Metrics, @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      for (const [name, status] of Object.entries(await this.projections.status())) {
        const projection = { projection: name };
        this.metrics.projectionLag.set(projection, status.lag);
        this.metrics.projectionThroughput.set(projection, status.throughput);
        this.metrics.projectionFailed.set(projection, status.state === 'failed' ? 1 : 0);
        this.metrics.projectionEventsApplied.set(projection, status.eventsApplied);
      }
    });
  }
}
