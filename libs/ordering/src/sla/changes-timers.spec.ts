/** Timers of changed orders: the balance of a dearer edit (24 h) and the refunds cancellations and cheaper edits owe (3 business days). */
import { at } from '../testing/decider-spec';
import { paid, placed, refundIssued, T } from '../testing/fixtures';
import type { OrderEvent } from '../events';
import { runTimers } from './testing/timer-ledger';

const paidOrder = () => [at(T.placed, placed()), at(T.paid, paid())];
const trackball = { lineId: '3', sku: 'TB-01', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' as const };
/** Mouse replaced by a trackball 1000 dearer, on Monday 2 March 10:00. */
const dearerEdit: OrderEvent = {
  type: 'OrderEdited',
  data: {
    editId: 'e-1', changes: [{ op: 'replace_line', lineId: '2', cancelledQuantity: 1, line: trackball }],
    before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 13498, total: 14148 },
    balanceDue: 1000, refundDue: 0, awaitingBalance: [{ lineId: '3', quantity: 1 }],
  },
};
const cheaperEdit: OrderEvent = {
  type: 'OrderEdited',
  data: {
    editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '1', quantity: 1, previousQuantity: 2 }],
    before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 7499, total: 8149 },
    balanceDue: 0, refundDue: 4999, awaitingBalance: [],
  },
};

describe('balance payment timer', () => {
  it('starts when a paid order owes a balance, due 24 hours later, and is met by the balance payment', () => {
    const running = runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', dearerEdit)]).one('payment', 'balance:o-1');
    expect(running).toMatchObject({ startedAt: '2026-03-02T10:00:00.000Z', dueAt: '2026-03-03T10:00:00.000Z', duration: '24 hours', state: 'running' });
    const met = runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', dearerEdit), at('2026-03-02T12:00:00Z', paid(1000))]);
    expect(met.one('payment', 'balance:o-1')).toMatchObject({ state: 'met', stoppedAt: '2026-03-02T12:00:00.000Z' });
  });

  it('is late when the system lapses the balance after the deadline: the mouse comes back, nothing is owed, no refund timer starts', () => {
    const restored: OrderEvent = { type: 'LineRestored', data: { lineId: '2', quantity: 1, reason: 'payment_timeout' } };
    const lapsed: OrderEvent = { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } };
    const ledger = runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', dearerEdit), at('2026-03-03T10:00:05Z', restored), at('2026-03-03T10:00:05Z', lapsed)]);
    expect(ledger.one('payment', 'balance:o-1')).toMatchObject({ state: 'late', stoppedAt: '2026-03-03T10:00:05.000Z' });
    expect(ledger.of('refund')).toEqual([]);
  });

  it('a lapse recorded before LineRestored existed (the trackball cancelled alone) still folds as it did: 2500 of the mouse\'s money owed back', () => {
    const lapsed: OrderEvent = { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } };
    const ledger = runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', dearerEdit), at('2026-03-03T10:00:05Z', lapsed)]);
    expect(ledger.one('payment', 'balance:o-1')).toMatchObject({ state: 'late' });
    // The trackball's 3500 had 1000 unpaid: 2500 of the mouse's money comes back, within 3 business days.
    expect(ledger.one('refund', 'edit:o-1')).toMatchObject({ duration: '3 business days', refundPreview: { reason: 'edit', goods: 2500, processingFee: 30, total: 2530 } });
  });
});

describe('refund timers of changes', () => {
  it('a cancelled line of a paid order owes its refund within 3 business days, with the amount a refund would give', () => {
    const cancelledLine: OrderEvent = { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' } };
    const ledger = runTimers([...paidOrder(), at('2026-03-06T10:00:00Z', cancelledLine)]);
    expect(ledger.one('refund', 'cancellation:o-1')).toMatchObject({
      startedAt: '2026-03-06T10:00:00.000Z', dueAt: '2026-03-11T10:00:00.000Z', duration: '3 business days', state: 'running',
      refundPreview: { reason: 'cancellation', goods: 4999, shipping: 0, processingFee: 59, total: 5058 },
    });
    const refunded = refundIssued({ refundId: 'f-1', reason: 'cancellation', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 });
    expect(runTimers([...paidOrder(), at('2026-03-06T10:00:00Z', cancelledLine), at('2026-03-09T10:00:00Z', refunded)])
      .one('refund', 'cancellation:o-1')).toMatchObject({ state: 'met' });
  });

  it('a cheaper edit owes its difference within 3 business days, met by the edit refund', () => {
    const ledger = runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', cheaperEdit)]);
    expect(ledger.one('refund', 'edit:o-1')).toMatchObject({
      duration: '3 business days', refundPreview: { reason: 'edit', goods: 4999, processingFee: 59, total: 5058 },
    });
    const refunded = refundIssued({ refundId: 'f-1', reason: 'edit', editId: 'e-1', goods: 4999, processingFee: 59 });
    expect(runTimers([...paidOrder(), at('2026-03-02T10:00:00Z', cheaperEdit), at('2026-03-03T10:00:00Z', refunded)])
      .one('refund', 'edit:o-1')).toMatchObject({ state: 'met' });
  });

  it('an unpaid order that loses a line owes nothing back and keeps its payment timer', () => {
    const cancelledLine: OrderEvent = { type: 'LineCancelled', data: { lineId: '2', quantity: 1, reason: 'cannot_fulfil', by: 'merchant' } };
    const ledger = runTimers([at(T.placed, placed()), at('2026-03-02T10:00:00Z', cancelledLine)]);
    expect(ledger.of('refund')).toEqual([]);
    expect(ledger.one('payment', 'o-1').state).toBe('running');
  });
});
