import { ProjectionCheckpoints, ProjectionLaggingError } from '@app/projections/nest';
import { ProblemException, problem } from '../http/problem';

/** docs/http-api.md "Reads": wait at most 5 s for the projection, then 503 projection_lagging. */
export const MIN_POSITION_WAIT_MS = 5_000;

/**
 * `?minPosition=` (a command's answer): returns once `projection` has applied it, so the read
 * that follows sees the write. Throws 400 for a position this store never made, 503 with
 * Retry-After when the projection is still behind after the wait.
 */
export async function awaitPosition(
  checkpoints: ProjectionCheckpoints,
  projection: string,
  minPosition: string | undefined,
  timeoutMs = MIN_POSITION_WAIT_MS,
): Promise<void> {
  if (minPosition === undefined) return;
  if (!checkpoints.isPosition(minPosition)) {
    throw new ProblemException(
      problem(400, 'validation_failed', 'The request is malformed; see errors.', [
        { field: 'minPosition', message: 'minPosition must be a position returned by a command of this server' },
      ]),
    );
  }
  if (await checkpoints.waitFor(projection, minPosition, timeoutMs)) return;
  throw new ProjectionLaggingError(projection, minPosition);
}
