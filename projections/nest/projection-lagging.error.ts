/** A read model has not reached a position in time: 503 projection_lagging with Retry-After (http/error-status.ts). */
export class ProjectionLaggingError extends Error {
  readonly code = 'projection_lagging';
  readonly retryAfterSeconds = 1;
  constructor(readonly projection: string, readonly position: string) {
    super(`The ${projection} read model has not reached position ${position} yet; retry shortly.`);
    this.name = 'ProjectionLaggingError';
  }
}
