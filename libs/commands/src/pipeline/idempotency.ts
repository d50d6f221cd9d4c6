import type { Clock } from '@app/config';
import type { Answer, CommandContext, CommandResult } from '../command-context';
import type { IdempotencyStore } from '../idempotency-store';
import { idempotencyKeyReused } from './errors';

export interface IdempotentRun {
  /** Is the fingerprint stored with a first answer this request's? */
  sameRequest(storedFingerprint: string): Promise<boolean>;
  /** The command itself; its answer is remembered under the key. */
  run(): Promise<Answer>;
}

/**
 * Idempotency around the rest of the pipeline: the same key on the same path within 24 hours
 * answers the first answer again (another body: refused); a new answer is remembered. The record
 * is a cache: the events carry ids derived from the key, so the stream itself still recognises
 * a retry whose record was never written (replay.ts).
 */
export async function withIdempotency(records: IdempotencyStore, clock: Clock, context: CommandContext, step: IdempotentRun): Promise<CommandResult> {
  const key = context.idempotencyKey;
  if (!key) return (await step.run()).result;
  const first = await records.find<CommandResult>(key, context.path, clock.now());
  if (first) {
    if (!(await step.sameRequest(first.requestHash))) throw idempotencyKeyReused();
    return normalised(first.response);
  }
  const answer = await step.run();
  await records.save(key, context.path, answer.requestHash, answer.result, clock.now());
  return answer.result;
}

/** Stored answers come back from jsonb with keys reordered; answer in the documented order. */
function normalised({ orderId, revision, position, events }: CommandResult): CommandResult {
  return { orderId, revision, position, events };
}
