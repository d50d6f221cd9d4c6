import type { OrderCommand } from '../commands';
import type { LineQuantity, ReturnReason, ReturnResolution } from '../events';
import { BusinessCalendar } from '../business-calendar';
import { at, given } from '../testing/decider-spec';
import {
  ORDER_ID, T, customOrder, delivered, deliveredOrder, deliveryFailed, dispatched, paid, receiptConfirmed, refundIssued,
  replacementShipped, returnApproved, returnDispatched, returnReceived, returnRejected, returnRequested, shippedOrder,
} from '../testing/fixtures';

const request = (
  returnId: string, lines: LineQuantity[], reason: ReturnReason = 'defective', resolution: ReturnResolution = 'refund', note?: string,
): OrderCommand => ({ type: 'RequestReturn', orderId: ORDER_ID, returnId, lines, reason, resolution, ...(note ? { note } : {}) });
const approve = (returnId: string): OrderCommand => ({ type: 'ApproveReturn', orderId: ORDER_ID, returnId });
const reject = (returnId: string): OrderCommand => ({ type: 'RejectReturn', orderId: ORDER_ID, returnId, reason: 'outside policy' });
const dispatchReturn = (returnId: string, shippingCost: number): OrderCommand =>
  ({ type: 'DispatchReturn', orderId: ORDER_ID, returnId, carrier: 'La Poste', trackingNumber: `RT-${returnId}`, shippingCost });
const receive = (returnId: string, inspection: 'passed' | 'failed'): OrderCommand =>
  ({ type: 'ReceiveReturn', orderId: ORDER_ID, returnId, inspection });

// Delivered Thursday 5 March 2026 14:00 UTC.
const WITHIN_7_DAYS = { now: '2026-03-12T14:00:00Z' };

describe('RequestReturn', () => {
  it('returns part of a delivered line; any reason but no_reason is the merchant\'s fault', () => {
    given(...deliveredOrder()).when(request('r-1', [{ lineId: '1', quantity: 1 }], 'defective')).then([
      returnRequested('r-1', [{ lineId: '1', quantity: 1 }], 'defective', 'refund'),
    ]);
    expect(returnRequested('r', [], 'defective')).toMatchObject({ data: { merchantFault: true } });
  });

  it('no_reason is the customer\'s choice (merchantFault false), and the note is kept', () => {
    given(...deliveredOrder()).when(request('r-1', [{ lineId: '2', quantity: 1 }], 'no_reason', 'exchange', 'too small')).then([{
      type: 'ReturnRequested',
      data: { returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason: 'no_reason', resolution: 'exchange', merchantFault: false, note: 'too small' },
    }]);
  });

  it('returns several lines at once, including a completed (receipt-confirmed) one', () => {
    const lines = [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }];
    given(...deliveredOrder(), receiptConfirmed(['1'])).when(request('r-1', lines, 'wrong_item')).then([
      returnRequested('r-1', lines, 'wrong_item', 'refund'),
    ]);
  });

  describe('windows, in calendar days from delivery', () => {
    it.each<[ReturnReason, string, boolean]>([
      ['no_reason', '2026-03-12T14:00:00Z', true], // exactly 7 days: still open
      ['no_reason', '2026-03-12T14:00:01Z', false],
      ['defective', '2026-03-19T14:00:00Z', true], // 14 days
      ['defective', '2026-03-19T14:00:01Z', false],
      ['damaged_in_transit', '2026-03-19T14:00:00Z', true],
      ['wrong_item', '2026-03-19T14:00:01Z', false],
      ['not_as_described', '2026-03-19T14:00:00Z', true],
    ])('%s at %s: open=%s (else return_window_closed; a defective refund under warranty: warranty_no_refund)', (reason, now, open) => {
      const when = given(...deliveredOrder()).when(request('r-1', [{ lineId: '1', quantity: 1 }], reason), { now });
      if (open) when.then([returnRequested('r-1', [{ lineId: '1', quantity: 1 }], reason, 'refund')]);
      else when.thenError(reason === 'defective' ? 'warranty_no_refund' : 'return_window_closed');
    });

    it('counts local days in the business zone across DST (Paris, 29 March 2026)', () => {
      // Delivered Wed 25 March 14:00 CET (13:00Z); 7 days later is Wed 1 April 14:00 CEST = 12:00Z.
      const history = [...shippedOrder(), at('2026-03-25T13:00:00Z', delivered('1', '2026-03-25T13:00:00Z'))];
      const paris = new BusinessCalendar({ timeZone: 'Europe/Paris' });
      const cmd = request('r-1', [{ lineId: '1', quantity: 1 }], 'no_reason');
      given(...history).when(cmd, { now: '2026-04-01T12:00:00Z', calendar: paris }).events();
      given(...history).when(cmd, { now: '2026-04-01T12:30:00Z', calendar: paris }).thenError('return_window_closed');
      given(...history).when(cmd, { now: '2026-04-01T12:30:00Z' }).events(); // in UTC the window runs to 13:00Z
    });

    it('restarts from a replacement\'s delivery', () => {
      given(...deliveredOrder(), returnRequested('x-1', [{ lineId: '2', quantity: 1 }], 'defective', 'exchange'), returnApproved('x-1'),
        returnDispatched('x-1'), returnReceived('x-1'), at('2026-03-16T10:00:00Z', replacementShipped('s-2', ['2'], 'x-1')),
        at('2026-03-18T10:00:00Z', delivered('2', '2026-03-18T10:00:00Z')))
        .when(request('r-2', [{ lineId: '2', quantity: 1 }], 'no_reason'), { now: '2026-03-24T10:00:00Z' })
        .then([returnRequested('r-2', [{ lineId: '2', quantity: 1 }], 'no_reason', 'refund')]);
    });
  });

  describe('item_not_returnable', () => {
    const mixed = () => [
      customOrder({
        lines: [
          { lineId: 'svc', quantity: 1, unitPrice: 1000, category: 'service' },
          { lineId: 'dig', quantity: 1, unitPrice: 1000, category: 'digital' },
          { lineId: 'cus', quantity: 1, unitPrice: 1000, category: 'custom' },
        ],
      }),
      paid(3000), dispatched('s-1', ['svc', 'dig', 'cus']),
      at(T.delivered, delivered('svc', T.delivered)), at(T.delivered, delivered('dig', T.delivered)), at(T.delivered, delivered('cus', T.delivered)),
    ];
    it.each<[string, ReturnReason]>([
      ['svc', 'defective'], ['svc', 'no_reason'], ['svc', 'wrong_item'],
      ['dig', 'no_reason'], ['dig', 'damaged_in_transit'], ['cus', 'no_reason'], ['cus', 'damaged_in_transit'],
    ])('%s line with reason %s', (lineId, reason) => {
      given(...mixed()).when(request('r-1', [{ lineId, quantity: 1 }], reason)).thenError('item_not_returnable');
    });
    it.each<[string, ReturnReason]>([['dig', 'defective'], ['cus', 'not_as_described'], ['cus', 'wrong_item']])(
      'but a %s line may come back as %s', (lineId, reason) => {
        given(...mixed()).when(request('r-1', [{ lineId, quantity: 1 }], reason)).events();
      });
  });

  it('one open return per line: return_already_open', () => {
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]))
      .when(request('r-2', [{ lineId: '1', quantity: 1 }])).thenError('return_already_open');
  });
  it('a rejected or failed return frees the line for a new one', () => {
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnRejected('r-1'))
      .when(request('r-2', [{ lineId: '1', quantity: 1 }])).events();
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'), returnDispatched('r-1'),
      returnReceived('r-1', 'failed')).when(request('r-2', [{ lineId: '1', quantity: 1 }]), WITHIN_7_DAYS).events();
  });
  it('refuses more than the line\'s quantity: quantity_exceeds_returnable', () => {
    given(...deliveredOrder()).when(request('r-1', [{ lineId: '1', quantity: 3 }])).thenError('quantity_exceeds_returnable');
  });
  it('refuses units already refunded: quantity_exceeds_returnable', () => {
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'), returnDispatched('r-1'),
      returnReceived('r-1'), refundIssued({ refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999 }))
      .when(request('r-2', [{ lineId: '1', quantity: 2 }])).thenError('quantity_exceeds_returnable');
  });
  it('returns the rest of a line after a partial refund', () => {
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'), returnDispatched('r-1'),
      returnReceived('r-1'), refundIssued({ refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999 }))
      .when(request('r-2', [{ lineId: '1', quantity: 1 }])).events();
  });
  it('refuses a line not delivered: invalid_state_transition', () => {
    given(...shippedOrder()).when(request('r-1', [{ lineId: '1', quantity: 1 }])).thenError('invalid_state_transition');
    given(...shippedOrder(), deliveryFailed('1')).when(request('r-1', [{ lineId: '1', quantity: 1 }])).thenError('invalid_state_transition');
  });
  it('refuses an unknown line: line_not_found', () => {
    given(...deliveredOrder()).when(request('r-1', [{ lineId: '5', quantity: 1 }])).thenError('line_not_found');
  });
  it('refuses a returnId already used: return_already_exists', () => {
    given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnRejected('r-1'))
      .when(request('r-1', [{ lineId: '2', quantity: 1 }])).thenError('return_already_exists');
  });
  it.each<[string, LineQuantity[]]>([
    ['no line', []],
    ['quantity 0', [{ lineId: '1', quantity: 0 }]],
    ['a fractional quantity', [{ lineId: '1', quantity: 0.5 }]],
    ['a line twice', [{ lineId: '1', quantity: 1 }, { lineId: '1', quantity: 1 }]],
  ])('refuses %s: validation_failed', (_name, lines) => {
    given(...deliveredOrder()).when(request('r-1', lines)).thenError('validation_failed');
  });
});

describe('return review and transit', () => {
  const requested = () => [...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }])];

  it('approves or rejects a requested return', () => {
    given(...requested()).when(approve('r-1')).then([returnApproved('r-1')]);
    given(...requested()).when(reject('r-1')).then([returnRejected('r-1', 'outside policy')]);
  });
  it('refuses to review twice: invalid_state_transition', () => {
    given(...requested(), returnApproved('r-1')).when(approve('r-1')).thenError('invalid_state_transition');
    given(...requested(), returnApproved('r-1')).when(reject('r-1')).thenError('invalid_state_transition');
    given(...requested(), returnRejected('r-1')).when(approve('r-1')).thenError('invalid_state_transition');
  });
  it('refuses an unknown return: return_not_found', () => {
    for (const cmd of [approve('r-9'), reject('r-9'), dispatchReturn('r-9', 0), receive('r-9', 'passed')]) {
      given(...requested()).when(cmd).thenError('return_not_found');
    }
  });
  it('records the customer\'s dispatch and shipping cost once approved', () => {
    given(...requested(), returnApproved('r-1')).when(dispatchReturn('r-1', 650)).then([returnDispatched('r-1', 650)]);
  });
  it('refuses a dispatch before approval or twice: invalid_state_transition', () => {
    given(...requested()).when(dispatchReturn('r-1', 0)).thenError('invalid_state_transition');
    given(...requested(), returnApproved('r-1'), returnDispatched('r-1')).when(dispatchReturn('r-1', 0)).thenError('invalid_state_transition');
  });
  it('refuses a negative or fractional shipping cost: validation_failed', () => {
    given(...requested(), returnApproved('r-1')).when(dispatchReturn('r-1', -1)).thenError('validation_failed');
    given(...requested(), returnApproved('r-1')).when(dispatchReturn('r-1', 6.5)).thenError('validation_failed');
  });
  it('receives a return in transit, passed or failed', () => {
    const inTransit = [...requested(), returnApproved('r-1'), returnDispatched('r-1')];
    given(...inTransit).when(receive('r-1', 'passed')).then([returnReceived('r-1', 'passed')]);
    given(...inTransit).when(receive('r-1', 'failed')).then([returnReceived('r-1', 'failed')]);
  });
  it('refuses to receive what is not in transit: invalid_state_transition', () => {
    given(...requested(), returnApproved('r-1')).when(receive('r-1', 'passed')).thenError('invalid_state_transition');
    given(...requested(), returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1'))
      .when(receive('r-1', 'passed')).thenError('invalid_state_transition');
  });
});
