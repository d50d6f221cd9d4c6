import { timeoutCommand } from './timeout-commands';

describe('timeout commands', () => {
  it('cancels an unpaid order as the system, keyed by its timer', () => {
    const sent = timeoutCommand({ timerId: 'o-1:payment:o-1@0', orderId: 'o-1', kind: 'payment', subjectId: 'o-1' });
    expect(sent.command).toEqual({ type: 'CancelOrder', orderId: 'o-1', reason: 'payment_timeout', by: 'system' });
    expect(sent.context).toEqual({
      actor: { kind: 'system', name: 'sla-scheduler' }, correlationId: 'o-1:payment:o-1@0', idempotencyKey: 'sla:o-1:payment:o-1@0',
      path: 'sla:payment', body: sent.command,
    });
  });

  it('confirms receipt of the timer\'s line only', () => {
    const sent = timeoutCommand({ timerId: 'o-1:receipt:2@4', orderId: 'o-1', kind: 'receipt', subjectId: '2' });
    expect(sent.command).toEqual({ type: 'ConfirmReceipt', orderId: 'o-1', by: 'system', lineIds: ['2'] });
    expect(sent.context).toMatchObject({ idempotencyKey: 'sla:o-1:receipt:2@4', path: 'sla:receipt' });
  });

  it('lapses the balance of an edit (subject balance:<orderId>) instead of cancelling the paid order', () => {
    const sent = timeoutCommand({ timerId: 'o-1:payment:balance:o-1@3', orderId: 'o-1', kind: 'payment', subjectId: 'balance:o-1' });
    expect(sent.command).toEqual({ type: 'LapseBalance', orderId: 'o-1' });
    expect(sent.context).toMatchObject({ idempotencyKey: 'sla:o-1:payment:balance:o-1@3', path: 'sla:payment' });
  });
});
