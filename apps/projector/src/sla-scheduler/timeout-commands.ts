/**
 * What the system does when an acting timer falls due, as an ordinary command down the write
 * path. The idempotency key is the timer's: a retry after a crash, or a second scheduler acting
 * on the same timer, is answered from the stream instead of appending twice.
 */
import { BALANCE_SUBJECT_PREFIX, type OrderCommand } from '@app/ordering';
import { ExecuteOrderCommand } from '@app/commands';

export type ActingKind = 'payment' | 'receipt';

export interface DueTimer {
  timerId: string;
  orderId: string;
  kind: ActingKind;
  subjectId: string;
}

export const SCHEDULER_ACTOR = { kind: 'system', name: 'sla-scheduler' } as const;

export function timeoutCommandOf(timer: DueTimer): OrderCommand {
  switch (timer.kind) {
    // An order's first payment cancels the order; the balance of an edit cancels the units waiting for it.
    case 'payment': return timer.subjectId.startsWith(BALANCE_SUBJECT_PREFIX)
      ? { type: 'LapseBalance', orderId: timer.orderId }
      : { type: 'CancelOrder', orderId: timer.orderId, reason: 'payment_timeout', by: 'system' };
    // The receipt timer's subject is the line: confirm that line only, whatever else is delivered.
    case 'receipt': return { type: 'ConfirmReceipt', orderId: timer.orderId, by: 'system', lineIds: [timer.subjectId] };
    default: {
      const unknown: never = timer.kind;
      throw new Error(`No timeout command for timer kind ${String(unknown)}`);
    }
  }
}

export function timeoutCommand(timer: DueTimer): ExecuteOrderCommand {
  const command = timeoutCommandOf(timer);
  return new ExecuteOrderCommand(command, {
    actor: SCHEDULER_ACTOR,
    correlationId: timer.timerId,
    idempotencyKey: `sla:${timer.timerId}`,
    path: `sla:${timer.kind}`,
    body: command,
  });
}
