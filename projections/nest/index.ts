export { ProjectionsModule } from './projections.module';
export { ProjectionCheckpoints } from './projection-checkpoints.service';
export { ProjectionRebuilder, UnknownProjectionError } from './projection-rebuilder.service';
export { PROJECTION_REGISTRY } from './tokens';
