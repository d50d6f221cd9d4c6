/** A batch failed and bisection pinned it on one event: the position /health shows as failed. */
export class HandlerFailure extends Error {
  constructor(override readonly cause: unknown, readonly position: string) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'HandlerFailure';
  }
}
