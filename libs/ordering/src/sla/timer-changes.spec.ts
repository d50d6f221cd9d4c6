import { BusinessCalendar } from '../business-calendar';
import { DEFAULT_POLICY } from '../policy';
import { evolve } from '../evolve';
import { initialOrderState } from '../state';
import { at, timeline, type History } from '../testing/decider-spec';
import {
  cancelled, complaintFeedbackGiven, complaintOpened, complaintReopened, complaintResolved, complaintResponded, delivered, deliveryFailed, dispatched, paid, placed,
  receiptConfirmed, refundIssued, replacementShipped, returnApproved, returnDispatched, returnReceived, returnRejected,
  returnRequested, T, TOTAL,
} from '../testing/fixtures';
import { runTimers } from './testing/timer-ledger';
import { slaTimerChanges, slaTimerChangesOfSteps, type TimerFoldStep } from './timer-changes';
import { ACTING_TIMER_KINDS, stateAt } from './timer-types';

const placedOnly = () => [at(T.placed, placed())];
const paidOrder = () => [...placedOnly(), at(T.paid, paid())];
/** Shipped together on Tuesday 3 March 10:00. */
const shipped = () => [...paidOrder(), at(T.dispatched, dispatched('s-1', ['1', '2']))];
/** Both lines delivered on Thursday 5 March 14:00. */
const deliveredBoth = () => [...shipped(), at(T.delivered, delivered('1', T.delivered)), at(T.delivered, delivered('2', T.delivered))];

describe('payment timer', () => {
  it('starts on OrderPlaced, due 24 hours later, with an id from the order, kind, subject and start revision', () => {
    const timer = runTimers(placedOnly()).one('payment');
    expect(timer).toMatchObject({
      timerId: 'o-1:payment:o-1@0', subjectId: 'o-1', startedAt: T.placed, dueAt: '2026-03-03T09:00:00.000Z',
      duration: '24 hours', state: 'running', currency: 'EUR', refundPreview: null,
    });
  });

  it('is overdue once past due while nothing stopped it (judged at the read)', () => {
    const timer = runTimers(placedOnly()).one('payment');
    expect(stateAt(timer, new Date('2026-03-03T08:59:59Z'))).toBe('running');
    expect(stateAt(timer, new Date('2026-03-03T09:00:00Z'))).toBe('overdue');
  });

  it('is met when the payment arrives in time', () => {
    expect(runTimers(paidOrder()).one('payment')).toMatchObject({ state: 'met', stoppedAt: T.paid });
  });

  it('is late when the system cancels the order after the deadline', () => {
    const ledger = runTimers([...placedOnly(), at('2026-03-03T09:00:05Z', cancelled('payment_timeout', 'system'))]);
    expect(ledger.one('payment')).toMatchObject({ state: 'late', stoppedAt: '2026-03-03T09:00:05.000Z' });
    expect(ledger.of('refund')).toEqual([]); // nothing was paid: nothing to refund
  });

  it('stops when the customer cancels the unpaid order', () => {
    expect(runTimers([...placedOnly(), at('2026-03-02T10:00:00Z', cancelled())]).one('payment').state).toBe('met');
  });
});

describe('shipment timer', () => {
  it('starts on PaymentConfirmed, due 5 business days later (Monday → next Monday)', () => {
    expect(runTimers(paidOrder()).one('shipment')).toMatchObject({
      startedAt: T.paid, dueAt: '2026-03-09T09:05:00.000Z', duration: '5 business days', state: 'running',
    });
  });

  it('keeps running while a line awaits shipment; the last shipment stops it', () => {
    const partly = [...paidOrder(), at(T.dispatched, dispatched('s-1', ['1']))];
    expect(runTimers(partly).one('shipment').state).toBe('running');
    expect(runTimers([...partly, at('2026-03-10T09:00:00Z', dispatched('s-2', ['2']))]).one('shipment'))
      .toMatchObject({ state: 'late', stoppedAt: '2026-03-10T09:00:00.000Z' });
    expect(runTimers(shipped()).one('shipment')).toMatchObject({ state: 'met', stoppedAt: T.dispatched });
  });

  it('is cancelled when the paid order is cancelled, and a refund timer starts instead', () => {
    const ledger = runTimers([...paidOrder(), at('2026-03-02T12:00:00Z', cancelled())]);
    expect(ledger.one('shipment')).toMatchObject({ state: 'cancelled', stoppedAt: '2026-03-02T12:00:00.000Z' });
    expect(ledger.one('refund')).toMatchObject({ subjectId: 'cancellation:o-1', state: 'running' });
  });

  it('does not start for an unpaid order', () => {
    expect(runTimers(placedOnly()).of('shipment')).toEqual([]);
  });
});

describe('delivery timer', () => {
  it('starts per shipment, due 15 calendar days later', () => {
    const ledger = runTimers([...paidOrder(), at(T.dispatched, dispatched('s-1', ['1'])), at(T.dispatched, dispatched('s-2', ['2']))]);
    expect(ledger.of('delivery').map((t) => [t.subjectId, t.dueAt, t.duration])).toEqual([
      ['s-1', '2026-03-18T10:00:00.000Z', '15 calendar days'],
      ['s-2', '2026-03-18T10:00:00.000Z', '15 calendar days'],
    ]);
  });

  it('stops when every line of the parcel is delivered or failed', () => {
    const one = [...shipped(), at(T.delivered, delivered('1', T.delivered))];
    expect(runTimers(one).one('delivery').state).toBe('running');
    expect(runTimers([...one, at('2026-03-06T10:00:00Z', deliveryFailed('2'))]).one('delivery'))
      .toMatchObject({ state: 'met', stoppedAt: '2026-03-06T10:00:00.000Z' });
  });

  it('is late when the last line is reported after 15 days; a replacement parcel gets its own timer', () => {
    const ledger = runTimers([
      ...shipped(),
      at('2026-03-20T10:00:00Z', deliveryFailed('1')),
      at('2026-03-20T10:00:00Z', delivered('2', '2026-03-20T09:00:00Z')),
      at('2026-03-21T10:00:00Z', replacementShipped('s-r', ['1'])),
    ]);
    expect(ledger.one('delivery', 's-1')).toMatchObject({ state: 'late', stoppedAt: '2026-03-20T10:00:00.000Z' });
    expect(ledger.one('delivery', 's-r')).toMatchObject({ state: 'running', dueAt: '2026-04-05T10:00:00.000Z' });
  });
});

describe('receipt timer', () => {
  it('starts per delivered line, due 7 days after the carrier delivery time', () => {
    const late = '2026-03-06T08:00:00Z'; // reported a day after the carrier delivered
    const ledger = runTimers([...shipped(), at(late, delivered('1', T.delivered))]);
    expect(ledger.one('receipt', '1')).toMatchObject({
      startedAt: '2026-03-06T08:00:00.000Z', dueAt: '2026-03-12T14:00:00.000Z', duration: '7 calendar days from delivery',
    });
    expect(ledger.of('receipt', '2')).toEqual([]);
  });

  it('is met when the buyer confirms, late when the system confirms after the deadline', () => {
    const ledger = runTimers([
      ...deliveredBoth(), at('2026-03-06T09:00:00Z', receiptConfirmed(['1'])), at('2026-03-12T14:00:03Z', receiptConfirmed(['2'], 'system')),
    ]);
    expect(ledger.one('receipt', '1').state).toBe('met');
    expect(ledger.one('receipt', '2')).toMatchObject({ state: 'late', stoppedAt: '2026-03-12T14:00:03.000Z' });
  });

  it('stops on ReturnRequested; a rejected return makes the line owe its confirmation again, due at once if the week has passed', () => {
    const ledger = runTimers([
      ...deliveredBoth(),
      at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '1', quantity: 1 }])),
      at('2026-03-20T09:00:00Z', returnRejected('r-1')),
    ]);
    const [first, second] = ledger.of('receipt', '1');
    expect(first).toMatchObject({ state: 'met', stoppedAt: '2026-03-06T09:00:00.000Z' });
    expect(second).toMatchObject({
      timerId: 'o-1:receipt:1@6', state: 'running', startedAt: '2026-03-20T09:00:00.000Z', dueAt: '2026-03-20T09:00:00.000Z',
    });
    expect(second.timerId).not.toBe(first.timerId);
  });

  it('a line delivered again after an exchange gets a new timer', () => {
    const ledger = runTimers([
      ...deliveredBoth(),
      at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '2', quantity: 1 }], 'wrong_item', 'exchange')),
      at('2026-03-06T10:00:00Z', returnApproved('r-1')),
      at('2026-03-07T10:00:00Z', returnDispatched('r-1')),
      at('2026-03-09T10:00:00Z', returnReceived('r-1')),
      at('2026-03-09T11:00:00Z', replacementShipped('x-1', ['2'], 'r-1')),
      at('2026-03-10T11:00:00Z', delivered('2', '2026-03-10T11:00:00Z')),
    ]);
    expect(ledger.of('receipt', '2').map((t) => [t.state, t.dueAt])).toEqual([
      ['met', '2026-03-12T14:00:00.000Z'],
      ['running', '2026-03-17T11:00:00.000Z'],
    ]);
    expect(ledger.of('refund')).toEqual([]); // an exchange owes a parcel, not money
    expect(ledger.one('delivery', 'x-1').state).toBe('met');
  });
});

describe('return_review timer', () => {
  const requested = () => [...deliveredBoth(), at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '1', quantity: 2 }]))];

  it('starts on ReturnRequested, due 2 business days later (Friday → Tuesday)', () => {
    expect(runTimers(requested()).one('return_review')).toMatchObject({
      subjectId: 'r-1', dueAt: '2026-03-10T09:00:00.000Z', duration: '2 business days', state: 'running',
    });
  });

  it('is met on approval in time and late on a late rejection', () => {
    expect(runTimers([...requested(), at('2026-03-09T09:00:00Z', returnApproved('r-1'))]).one('return_review').state).toBe('met');
    expect(runTimers([...requested(), at('2026-03-10T09:00:01Z', returnRejected('r-1'))]).one('return_review').state).toBe('late');
  });
});

describe('refund timer after a return', () => {
  const received = (resolution: 'refund' | 'exchange' = 'refund', inspection: 'passed' | 'failed' = 'passed') => [
    ...deliveredBoth(),
    at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '1', quantity: 1 }], 'defective', resolution)),
    at('2026-03-06T10:00:00Z', returnApproved('r-1')),
    at('2026-03-07T10:00:00Z', returnDispatched('r-1', 695)),
    at('2026-03-11T15:00:00Z', returnReceived('r-1', inspection)),
  ];

  it('starts on a passed ReturnReceived with resolution refund, due 7 business days later, with the refund it would be', () => {
    const timer = runTimers(received()).one('refund');
    expect(timer).toMatchObject({
      timerId: 'o-1:refund:return:r-1@8', subjectId: 'return:r-1', startedAt: '2026-03-11T15:00:00.000Z',
      dueAt: '2026-03-20T15:00:00.000Z', duration: '7 business days', state: 'running',
      refundPreview: { reason: 'return', goods: 4999, shipping: 0, returnShipping: 695, processingFee: 59, feeRetained: 0, total: 4999 + 695 + 59 },
    });
  });

  it('does not start for an exchange or a failed inspection', () => {
    expect(runTimers(received('exchange')).of('refund')).toEqual([]);
    expect(runTimers(received('refund', 'failed')).of('refund')).toEqual([]);
  });

  it('is met when its refund is issued in time', () => {
    const ledger = runTimers([
      ...received(),
      at('2026-03-12T10:00:00Z', refundIssued({ refundId: 'rf-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, returnShipping: 695, processingFee: 59 })),
    ]);
    expect(ledger.one('refund')).toMatchObject({ state: 'met', stoppedAt: '2026-03-12T10:00:00.000Z' });
  });

  it('recomputes the amount when the order changes while it runs (a goodwill refund caps the goods left)', () => {
    const ledger = runTimers([...received(), at('2026-03-12T10:00:00Z', refundIssued({ refundId: 'gw', reason: 'goodwill', goods: 9000, processingFee: 108 }))]);
    expect(ledger.one('refund')).toMatchObject({ state: 'running', refundPreview: { goods: 12498 - 9000, total: 3498 + 695 + 42 } });
    expect(ledger.changes.at(-1)).toMatchObject({ type: 'refresh', subjectId: 'return:r-1' });
  });
});

describe('refund timer after a cancellation or a failed delivery', () => {
  it('a paid order cancelled owes the whole payment back within 3 business days', () => {
    const timer = runTimers([...paidOrder(), at('2026-03-06T16:00:00Z', cancelled())]).one('refund');
    expect(timer).toMatchObject({
      subjectId: 'cancellation:o-1', dueAt: '2026-03-11T16:00:00.000Z', duration: '3 business days',
      refundPreview: { reason: 'cancellation', total: TOTAL, shipping: 500, processingFee: 150 },
    });
  });

  it('a failed line on Friday is owed by Wednesday, across the weekend; a refund stops it', () => {
    const failed = [...shipped(), at('2026-03-06T11:00:00Z', deliveryFailed('2'))];
    const timer = runTimers(failed).one('refund');
    expect(timer).toMatchObject({
      subjectId: 'delivery_failed:2', startedAt: '2026-03-06T11:00:00.000Z', dueAt: '2026-03-11T11:00:00.000Z',
      refundPreview: { reason: 'delivery_failed', goods: 2500, shipping: 0, processingFee: 30, total: 2530 },
    });
    const refunded = runTimers([...failed, at('2026-03-12T09:00:00Z', refundIssued({ refundId: 'rf', reason: 'delivery_failed', lines: [{ lineId: '2', quantity: 1 }], goods: 2500, processingFee: 30 }))]);
    expect(refunded.one('refund')).toMatchObject({ state: 'late', stoppedAt: '2026-03-12T09:00:00.000Z' });
  });

  it('a replacement stops it; a second failure of the replacement starts a new one', () => {
    const ledger = runTimers([
      ...shipped(),
      at('2026-03-06T11:00:00Z', deliveryFailed('2')),
      at('2026-03-09T11:00:00Z', replacementShipped('s-2', ['2'])),
      at('2026-03-12T11:00:00Z', deliveryFailed('2', 'damaged')),
    ]);
    expect(ledger.of('refund', 'delivery_failed:2').map((t) => t.state)).toEqual(['met', 'running']);
  });

  it('a partial refund of a failed line keeps the timer running for the rest, with the new amount', () => {
    const ledger = runTimers([
      ...shipped(),
      at('2026-03-06T11:00:00Z', deliveryFailed('1')),
      at('2026-03-07T11:00:00Z', refundIssued({ refundId: 'rf', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 })),
    ]);
    expect(ledger.one('refund')).toMatchObject({ state: 'running', refundPreview: { goods: 4999, processingFee: 60 } });
  });
});

describe('complaint_response timer', () => {
  const opened = () => [...paidOrder(), at('2026-03-02T12:00:00Z', complaintOpened('c-1'))];

  it('starts on ComplaintOpened, due 24 hours later', () => {
    expect(runTimers(opened()).one('complaint_response')).toMatchObject({ subjectId: 'c-1', dueAt: '2026-03-03T12:00:00.000Z', duration: '24 hours' });
  });

  it('stops on the first response or on resolution; a further response changes nothing', () => {
    const ledger = runTimers([...opened(), at('2026-03-03T13:00:00Z', complaintResponded('c-1')), at('2026-03-04T13:00:00Z', complaintResponded('c-1'))]);
    expect(ledger.one('complaint_response')).toMatchObject({ state: 'late', stoppedAt: '2026-03-03T13:00:00.000Z' });
    expect(runTimers([...opened(), at('2026-03-02T13:00:00Z', complaintResolved('c-1'))]).one('complaint_response').state).toBe('met');
  });

  it('survives the cancellation of the order: the customer is still owed an answer', () => {
    const ledger = runTimers([...placedOnly(), at('2026-03-02T10:00:00Z', complaintOpened('c-1')), at('2026-03-02T11:00:00Z', cancelled())]);
    expect(ledger.one('complaint_response').state).toBe('running');
  });
});

describe('follow_up timer', () => {
  /** Resolved on Thursday 5 March 10:00: two business days later is Monday 9 March 10:00. */
  const resolved = () => [...paidOrder(), at('2026-03-05T09:00:00Z', complaintOpened('c-1')), at('2026-03-05T10:00:00Z', complaintResolved('c-1'))];

  it('starts on ComplaintResolved, due 2 business days later (the weekend skipped), and does not act', () => {
    expect(runTimers(resolved()).one('follow_up')).toMatchObject({
      timerId: 'o-1:follow_up:c-1@3', subjectId: 'c-1', startedAt: '2026-03-05T10:00:00.000Z', dueAt: '2026-03-09T10:00:00.000Z',
      duration: '2 business days', state: 'running',
    });
    expect(ACTING_TIMER_KINDS).not.toContain('follow_up');
  });

  it('stops on the feedback: met in time, late after the due time', () => {
    expect(runTimers([...resolved(), at('2026-03-09T10:00:00Z', complaintFeedbackGiven('c-1', true))]).one('follow_up'))
      .toMatchObject({ state: 'met', stoppedAt: '2026-03-09T10:00:00.000Z' });
    expect(runTimers([...resolved(), at('2026-03-09T10:00:01Z', complaintFeedbackGiven('c-1', true))]).one('follow_up').state).toBe('late');
  });

  it('is overdue while nobody called the customer back', () => {
    const timer = runTimers(resolved()).one('follow_up');
    expect(stateAt(timer, new Date('2026-03-09T09:59:59Z'))).toBe('running');
    expect(stateAt(timer, new Date('2026-03-09T10:00:00Z'))).toBe('overdue');
  });

  it('unsatisfied feedback reopens the complaint: a fresh complaint_response timer, and a new follow_up after the next resolution', () => {
    const ledger = runTimers([
      ...resolved(),
      at('2026-03-06T10:00:00Z', complaintFeedbackGiven('c-1', false)), at('2026-03-06T10:00:00Z', complaintReopened('c-1')),
      at('2026-03-09T10:00:00Z', complaintResolved('c-1')),
    ]);
    expect(ledger.of('complaint_response').map((t) => [t.timerId, t.state, t.dueAt])).toEqual([
      ['o-1:complaint_response:c-1@2', 'met', '2026-03-06T09:00:00.000Z'],
      ['o-1:complaint_response:c-1@5', 'late', '2026-03-07T10:00:00.000Z'],
    ]);
    expect(ledger.of('follow_up').map((t) => [t.timerId, t.state])).toEqual([
      ['o-1:follow_up:c-1@3', 'met'],
      ['o-1:follow_up:c-1@6', 'running'],
    ]);
  });

  it('uses the configured number of business days', () => {
    const ledger = runTimers(resolved(), { policy: { ...DEFAULT_POLICY, followUpBusinessDays: 1 } });
    expect(ledger.one('follow_up')).toMatchObject({ dueAt: '2026-03-06T10:00:00.000Z', duration: '1 business day' });
  });
});

describe('policy and calendar', () => {
  it('uses the configured durations and records them on the timer', () => {
    const policy = { ...DEFAULT_POLICY, paymentTimeoutHours: 48, refundAfterCancellationOrFailureBusinessDays: 1 };
    const ledger = runTimers([...paidOrder(), at('2026-03-06T16:00:00Z', cancelled())], { policy });
    expect(ledger.one('payment')).toMatchObject({ dueAt: '2026-03-04T09:00:00.000Z', duration: '48 hours' });
    expect(ledger.one('refund')).toMatchObject({ dueAt: '2026-03-09T16:00:00.000Z', duration: '1 business day' });
  });

  it('counts business days in the business time zone and skips its holidays', () => {
    // Friday 27 March 2026 17:30 in Paris (16:30Z); Monday 30 is a holiday here; clocks spring forward on the 29th.
    const calendar = new BusinessCalendar({ timeZone: 'Europe/Paris', holidays: ['2026-03-30'] });
    const ledger = runTimers([...shipped(), at('2026-03-27T16:30:00Z', deliveryFailed('2'))], { calendar });
    // Tue 31, Wed 1, Thu 2 April, 17:30 CEST = 15:30Z.
    expect(ledger.one('refund').dueAt).toBe('2026-04-02T15:30:00.000Z');
  });

  it('emits nothing for an event that changes no obligation', () => {
    const ledger = runTimers([...placedOnly(), at('2026-03-02T09:30:00Z', { type: 'PaymentFailed', data: { reason: 'declined' } })]);
    expect(ledger.changes).toHaveLength(1); // the payment timer's start only
  });
});

describe('slaTimerChangesOfSteps (the projection\'s fold)', () => {
  const histories: Record<string, History> = {
    'a return refunded after a goodwill refund, then a complaint': [
      ...deliveredBoth(),
      at('2026-03-06T09:00:00Z', returnRequested('r-1', [{ lineId: '1', quantity: 1 }])),
      at('2026-03-06T10:00:00Z', returnApproved('r-1')),
      at('2026-03-07T10:00:00Z', returnDispatched('r-1', 695)),
      at('2026-03-11T15:00:00Z', returnReceived('r-1')),
      at('2026-03-12T10:00:00Z', refundIssued({ refundId: 'gw', reason: 'goodwill', goods: 9000, processingFee: 108 })),
      at('2026-03-13T10:00:00Z', complaintOpened('c-1')),
      at('2026-03-14T10:00:00Z', complaintResponded('c-1')),
      at('2026-03-15T10:00:00Z', returnRequested('r-2', [{ lineId: '2', quantity: 1 }])),
      at('2026-03-20T10:00:00Z', returnRejected('r-2')),
    ],
    'failed deliveries, a replacement, a partial refund, a cancellation': [
      ...shipped(),
      at('2026-03-06T11:00:00Z', deliveryFailed('2')),
      at('2026-03-09T11:00:00Z', replacementShipped('s-2', ['2'])),
      at('2026-03-12T11:00:00Z', deliveryFailed('2', 'damaged')),
      at('2026-03-12T12:00:00Z', deliveryFailed('1')),
      at('2026-03-13T11:00:00Z', refundIssued({ refundId: 'rf', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 })),
      at('2026-03-16T11:00:00Z', cancelled()),
    ],
  };

  it.each(Object.keys(histories))('gives what slaTimerChanges gives event by event: %s', (name) => {
    const steps: TimerFoldStep[] = [];
    let state = initialOrderState;
    for (const e of timeline(histories[name])) {
      const after = evolve(state, e.event, e);
      steps.push({ before: state, after, event: e.event, meta: e });
      state = after;
    }
    const eventByEvent = steps.flatMap((s) => slaTimerChanges(s.before, s.after, s.event, s.meta, DEFAULT_POLICY, new BusinessCalendar()));
    expect(eventByEvent.length).toBeGreaterThan(10);
    expect(slaTimerChangesOfSteps(steps, DEFAULT_POLICY, new BusinessCalendar())).toEqual(eventByEvent);
    // Continuing a fold from a state read back (another object) changes nothing either.
    const [first, ...rest] = steps;
    const copied = rest.map((s, i) => (i === 0 ? { ...s, before: JSON.parse(JSON.stringify(s.before)) } : s));
    expect([...slaTimerChangesOfSteps([first], DEFAULT_POLICY, new BusinessCalendar()), ...slaTimerChangesOfSteps(copied, DEFAULT_POLICY, new BusinessCalendar())]).toEqual(eventByEvent);
  });
});
