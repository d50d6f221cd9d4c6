import { Global, Module } from '@nestjs/common';
import { PROJECTION_STATUS } from './projection-status';
import { APP_CONFIG } from '@app/config';
import { projectionsFor } from '../registry';
import { ProjectionCheckpoints } from './projection-checkpoints.service';
import { ProjectionRebuilder } from './projection-rebuilder.service';
import { PROJECTION_REGISTRY } from './tokens';

/**
 * Projection status, read-your-writes and rebuild: needed by every mode (MODE=api answers
 * /health, ?minPosition= and /admin/projections without running any projection). Static and
 * global, so importing it from several modules yields one instance.
 */
@Global()
@Module({
  providers: [
    { provide: PROJECTION_REGISTRY, useFactory: projectionsFor, inject: [APP_CONFIG] },
    ProjectionCheckpoints,
    { provide: PROJECTION_STATUS, useExisting: ProjectionCheckpoints },
    ProjectionRebuilder,
  ],
  exports: [PROJECTION_REGISTRY, ProjectionCheckpoints, PROJECTION_STATUS, ProjectionRebuilder],
})
export class ProjectionsModule {}
