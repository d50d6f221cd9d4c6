import { DomainError, orderDecider, type DecideContext, type OrderCommand, type OrderEvent } from '@app/ordering';
import type { OrderHistory } from '@app/order-fold';
import type { CommandContext } from '../command-context';
import { revisionMismatch } from './errors';

/**
 * Step 3, decide: If-Match against the history read, then the domain's decision. A command that
 * changes nothing is refused: every accepted command leaves a fact in the stream.
 */
export function decideNew(command: OrderCommand, context: CommandContext, history: OrderHistory, decideContext: DecideContext): OrderEvent[] {
  if (context.expectedRevision !== undefined && context.expectedRevision !== history.revision) {
    throw revisionMismatch(context.expectedRevision, history.revision ?? 'no_stream');
  }
  const decided = orderDecider.decide(command, history.state, decideContext);
  if (decided.length === 0) throw new DomainError('invalid_state_transition', 'The command changes nothing.');
  return decided;
}
