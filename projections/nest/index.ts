export { ProjectionsModule } from './projections.module';
export { ProjectionCheckpoints } from './projection-checkpoints.service';
export { ProjectionRebuilder, UnknownProjectionError } from './projection-rebuilder.service';
export { PROJECTION_REGISTRY } from './tokens';
export { PROJECTION_STATUS, NO_PROJECTIONS, type ProjectionHealth, type ProjectionStatusSource } from './projection-status';
export { ProjectionLaggingError } from './projection-lagging.error';
