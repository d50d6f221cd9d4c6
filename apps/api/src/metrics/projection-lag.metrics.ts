import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { METRICS, type Metrics } from '@app/observability';
import { PROJECTION_STATUS, type ProjectionStatusSource } from '../health/projection-status';

/** Projection lag is read from the checkpoints at scrape time, so it is right in every MODE. */
@Injectable()
export class ProjectionLagMetrics implements OnModuleInit {
  constructor(@Inject(METRICS) private readonly metrics: Metrics, @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      for (const [name, status] of Object.entries(await this.projections.status())) {
        this.metrics.projectionLag.set({ projection: name }, status.lag);
      }
    });
  }
}
