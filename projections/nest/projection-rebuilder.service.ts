import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PG_POOL } from '@app/database';
import type { Pool } from 'pg';
import type { Projection } from '../runtime/projection';
import { rebuildProjection, type RebuildProgress, type RebuildResult } from '../runtime/rebuild';
import { PROJECTION_REGISTRY } from './tokens';

export class UnknownProjectionError extends Error {
  readonly code = 'projection_not_found';
  constructor(readonly projection: string) {
    super(`No projection named ${projection}.`);
    this.name = 'UnknownProjectionError';
  }
}

/**
 * Rebuilds in this process, whichever process runs the projection: the swap synchronises with
 * the live runner through the checkpoint row lock, not through anything in memory.
 */
@Injectable()
export class ProjectionRebuilder {
  private readonly logger = new Logger('projections');

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTION_REGISTRY) private readonly projections: readonly Projection[],
  ) {}

  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnknownProjectionError(name);
    return rebuildProjection(this.pool, this.store, projection, { batchSize: this.config.projectionBatchSize, onProgress, logger: this.logger });
  }
}
