/**
 * Worked refund examples, computed by hand on the standard order (fixtures.ts):
 *   line 1: 2 × 4999, line 2: 1 × 2500 → goodsTotal 12498; shippingFee 500; processingFee 150; total 13148.
 * Fee share = floor(150 × goodsRefundedSoFar / 12498) − share already counted.
 */
import type { IssueRefund, OrderCommand } from '../commands';
import type { LineQuantity, OrderEvent, RefundDestination, RefundReason, ReturnReason } from '../events';
import { toOrderView } from '../order-view';
import { given, scenario } from '../testing/decider-spec';
import {
  ORDER_ID, T, TOTAL, cancelled, customOrder, delivered, deliveredOrder, deliveryFailed, dispatched, paid, paidOrder, placed,
  refundIssued, replacementShipped, returnApproved, returnDispatched, returnReceived, returnRequested, shippedOrder,
} from '../testing/fixtures';

const refund = (
  refundId: string, reason: RefundReason, more: Partial<Omit<IssueRefund, 'type' | 'orderId' | 'refundId' | 'reason'>> = {},
): IssueRefund => ({ type: 'IssueRefund', orderId: ORDER_ID, refundId, reason, destination: 'original', ...more });

/** A return requested, approved, sent back (at `shippingCost`) and received with inspection passed. */
function receivedReturn(returnId: string, lines: LineQuantity[], reason: ReturnReason, shippingCost: number): OrderEvent[] {
  return [returnRequested(returnId, lines, reason, 'refund'), returnApproved(returnId), returnDispatched(returnId, shippingCost), returnReceived(returnId)];
}

const oneKeyboardBack = () => receivedReturn('r-1', [{ lineId: '1', quantity: 1 }], 'defective', 700);

describe('IssueRefund for a return', () => {
  it('card: 1 keyboard (defective, 700 return shipping) → goods 4999, fee floor(150×4999/12498)=59, no shipping, total 5758', () => {
    given(...deliveredOrder(), ...oneKeyboardBack()).when(refund('f-1', 'return', { returnId: 'r-1' })).then([
      refundIssued({
        refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }],
        goods: 4999, shipping: 0, returnShipping: 700, processingFee: 59, feeRetained: 0,
      }),
    ]);
    expect(4999 + 0 + 700 + 59).toBe(5758);
  });

  it('paypal: the same refund retains the fee share → processingFee 0, feeRetained 59, total 5699', () => {
    const paypal = placed({ payment: { method: 'paypal', processingFee: 150 } });
    given(paypal, paid(), dispatched('s-1', ['1', '2']), delivered('1', T.delivered), delivered('2', T.delivered), ...oneKeyboardBack())
      .when(refund('f-1', 'return', { returnId: 'r-1' })).then([
        refundIssued({
          refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], method: 'paypal',
          goods: 4999, returnShipping: 700, processingFee: 0, feeRetained: 59,
        }),
      ]);
  });

  it('wallet destination (card order): store credit retains the fee share → processingFee 0, feeRetained 59, total 5699', () => {
    given(...deliveredOrder(), ...oneKeyboardBack()).when(refund('f-1', 'return', { returnId: 'r-1', destination: 'wallet' })).then([
      refundIssued({
        refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], destination: 'wallet',
        goods: 4999, returnShipping: 700, processingFee: 0, feeRetained: 59,
      }),
    ]);
  });

  it('debit, gpay and bank_transfer refund the fee share like card', () => {
    for (const method of ['debit', 'gpay', 'bank_transfer'] as const) {
      const [event] = given(placed({ payment: { method, processingFee: 150 } }), paid(), dispatched('s-1', ['1', '2']),
        delivered('1', T.delivered), ...oneKeyboardBack()).when(refund('f-1', 'return', { returnId: 'r-1' })).events();
      expect(event).toMatchObject({ data: { method, processingFee: 59, feeRetained: 0, total: 5758 } });
    }
  });

  it('partial return then the rest: 5758, then 7499 + shipping 500 + return shipping 650 + fee (150 − 59 = 91) = 8740', () => {
    const s = scenario(...deliveredOrder(), ...oneKeyboardBack());
    s.do(refund('f-1', 'return', { returnId: 'r-1' }));
    for (const e of receivedReturn('r-2', [{ lineId: '1', quantity: 1 }, { lineId: '2', quantity: 1 }], 'not_as_described', 650)) {
      // the second return goes through the decider too
      s.do(commandFor(e));
    }
    const [last] = s.do(refund('f-2', 'return', { returnId: 'r-2' }));
    expect(last).toStrictEqual(refundIssued({
      refundId: 'f-2', reason: 'return', returnId: 'r-2', lines: [{ lineId: '1', quantity: 1 }, { lineId: '2', quantity: 1 }],
      goods: 7499, shipping: 500, returnShipping: 650, processingFee: 91,
    }));
    // The fee comes back exactly: 59 + 91 = 150. Everything refunded: goods 12498, plus both return shippings.
    expect(s.state.refunded).toEqual({ goods: 12498, feeShareCounted: 150, shippingRefunded: true, total: 5758 + 8740 });
    expect(5758 + 8740).toBe(TOTAL + 700 + 650);
    expect(toOrderView(s.state).status).toBe('refunded');
  });

  it('a retained share stays counted: wallet refund (59 retained), then the rest by card → fee 150 − 59 = 91, not 150', () => {
    const s = scenario(...deliveredOrder(), ...oneKeyboardBack());
    expect(s.do(refund('f-1', 'return', { returnId: 'r-1', destination: 'wallet' }))[0]).toMatchObject({ data: { processingFee: 0, feeRetained: 59 } });
    for (const e of receivedReturn('r-2', [{ lineId: '1', quantity: 1 }, { lineId: '2', quantity: 1 }], 'defective', 0)) s.do(commandFor(e));
    expect(s.do(refund('f-2', 'return', { returnId: 'r-2' }))[0]).toMatchObject({
      data: { goods: 7499, shipping: 500, processingFee: 91, feeRetained: 0, total: 7499 + 500 + 91 },
    });
  });

  it('a no_reason return completing the order carries no shipping and no return shipping: 2000 + fee 100 = 2100', () => {
    // One line 1 × 2000, shipping 500, fee 100 (card). Returned for no reason; the customer paid 400 to send it.
    const history = [
      customOrder({ lines: [{ lineId: '1', quantity: 1, unitPrice: 2000 }], shippingFee: 500, processingFee: 100 }), paid(2600),
      dispatched('s-1', ['1']), delivered('1', T.delivered), ...receivedReturn('r-1', [{ lineId: '1', quantity: 1 }], 'no_reason', 400),
    ];
    given(...history).when(refund('f-1', 'return', { returnId: 'r-1' })).then([
      refundIssued({ refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 2000, processingFee: 100 }),
    ]);
  });

  it('accepts lines equal to the return\'s', () => {
    given(...deliveredOrder(), ...oneKeyboardBack())
      .when(refund('f-1', 'return', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }] })).events();
  });

  describe('refusals', () => {
    it('no returnId, lines other than the return\'s, or an amount: validation_failed', () => {
      given(...deliveredOrder(), ...oneKeyboardBack()).when(refund('f-1', 'return')).thenError('validation_failed');
      given(...deliveredOrder(), ...oneKeyboardBack())
        .when(refund('f-1', 'return', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 2 }] })).thenError('validation_failed');
      given(...deliveredOrder(), ...oneKeyboardBack()).when(refund('f-1', 'return', { returnId: 'r-1', amount: 10 })).thenError('validation_failed');
    });
    it('unknown return: return_not_found', () => {
      given(...deliveredOrder(), ...oneKeyboardBack()).when(refund('f-1', 'return', { returnId: 'r-9' })).thenError('return_not_found');
    });
    it('a return not received, failed at inspection, rejected, or for an exchange: invalid_state_transition', () => {
      const req = returnRequested('r-1', [{ lineId: '1', quantity: 1 }]);
      given(...deliveredOrder(), req, returnApproved('r-1')).when(refund('f-1', 'return', { returnId: 'r-1' })).thenError('invalid_state_transition');
      given(...deliveredOrder(), req, returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1', 'failed'))
        .when(refund('f-1', 'return', { returnId: 'r-1' })).thenError('invalid_state_transition');
      given(...deliveredOrder(), req, { type: 'ReturnRejected', data: { returnId: 'r-1', reason: 'x' } })
        .when(refund('f-1', 'return', { returnId: 'r-1' })).thenError('invalid_state_transition');
      given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }], 'defective', 'exchange'), returnApproved('r-1'),
        returnDispatched('r-1'), returnReceived('r-1')).when(refund('f-1', 'return', { returnId: 'r-1' })).thenError('invalid_state_transition');
    });
    it('a return refunded already: invalid_state_transition', () => {
      const s = scenario(...deliveredOrder(), ...oneKeyboardBack());
      s.do(refund('f-1', 'return', { returnId: 'r-1' }));
      given(...s.history()).when(refund('f-2', 'return', { returnId: 'r-1' })).thenError('invalid_state_transition');
    });
  });
});

describe('IssueRefund for failed deliveries', () => {
  it('defaults to every failed unit; 1 of 2 keyboards first: 4999 + fee 59 = 5058, then the other: 4999 + fee (119 − 59 = 60) = 5059', () => {
    const s = scenario(...shippedOrder(), delivered('2', T.delivered), deliveryFailed('1'));
    expect(s.do(refund('f-1', 'delivery_failed', { lines: [{ lineId: '1', quantity: 1 }] }))).toStrictEqual([
      refundIssued({ refundId: 'f-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 }),
    ]);
    expect(s.state.lines[0]).toMatchObject({ status: 'delivery_failed', refundedQuantity: 1 });
    // floor(150 × 9998 / 12498) = floor(119.995...) = 119; no shipping: line 2 is not refunded.
    expect(s.do(refund('f-2', 'delivery_failed'))).toStrictEqual([
      refundIssued({ refundId: 'f-2', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 60 }),
    ]);
    expect(s.state.lines[0].status).toBe('refunded');
  });

  it('goodwill then lines: goodwill 3000 (fee 36) = 3036, then all lines capped at 9498 + shipping 500 + fee 114 = 10112', () => {
    const s = scenario(...shippedOrder());
    // floor(150 × 3000 / 12498) = floor(36.005...) = 36
    expect(s.do(refund('g-1', 'goodwill', { amount: 3000 }))).toStrictEqual([
      refundIssued({ refundId: 'g-1', reason: 'goodwill', goods: 3000, processingFee: 36 }),
    ]);
    s.do({ type: 'MarkItemDeliveryFailed', orderId: ORDER_ID, lineId: '1', reason: 'lost' });
    s.do({ type: 'MarkItemDeliveryFailed', orderId: ORDER_ID, lineId: '2', reason: 'damaged' });
    // Lines are worth 12498 but only 12498 − 3000 = 9498 of goods is left; this refund completes the order.
    expect(s.do(refund('f-1', 'delivery_failed'))).toStrictEqual([
      refundIssued({
        refundId: 'f-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }],
        goods: 9498, shipping: 500, processingFee: 114,
      }),
    ]);
    expect(s.state.refunded.total).toBe(3036 + 10112);
    expect(3036 + 10112).toBe(TOTAL);
  });

  describe('refusals', () => {
    const failed = () => [...shippedOrder(), deliveryFailed('1')];
    it('a named line whose delivery did not fail: invalid_state_transition', () => {
      given(...failed()).when(refund('f-1', 'delivery_failed', { lines: [{ lineId: '2', quantity: 1 }] })).thenError('invalid_state_transition');
    });
    it('no failed line left (default): invalid_state_transition', () => {
      given(...shippedOrder()).when(refund('f-1', 'delivery_failed')).thenError('invalid_state_transition');
    });
    it('a failed line re-shipped meanwhile: invalid_state_transition', () => {
      given(...failed(), replacementShipped('s-2', ['1'])).when(refund('f-1', 'delivery_failed')).thenError('invalid_state_transition');
    });
    it('more units than not yet refunded: refund_exceeds_refundable', () => {
      given(...failed()).when(refund('f-1', 'delivery_failed', { lines: [{ lineId: '1', quantity: 3 }] })).thenError('refund_exceeds_refundable');
      given(...failed(), refundIssued({ refundId: 'f-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 }))
        .when(refund('f-2', 'delivery_failed', { lines: [{ lineId: '1', quantity: 2 }] })).thenError('refund_exceeds_refundable');
    });
    it('a unit never refunded twice: a wholly refunded failed line leaves nothing (default): invalid_state_transition', () => {
      given(...failed(), refundIssued({ refundId: 'f-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 2 }], goods: 9998, processingFee: 119 }))
        .when(refund('f-2', 'delivery_failed')).thenError('invalid_state_transition');
    });
    it('unknown line: line_not_found; malformed lines, returnId or amount: validation_failed', () => {
      given(...failed()).when(refund('f-1', 'delivery_failed', { lines: [{ lineId: '8', quantity: 1 }] })).thenError('line_not_found');
      given(...failed()).when(refund('f-1', 'delivery_failed', { lines: [] })).thenError('validation_failed');
      given(...failed()).when(refund('f-1', 'delivery_failed', { returnId: 'r-1' })).thenError('validation_failed');
      given(...failed()).when(refund('f-1', 'delivery_failed', { amount: 5 })).thenError('validation_failed');
    });
  });
});

describe('IssueRefund for a cancelled, paid order', () => {
  it('card: everything back, 12498 + shipping 500 + fee 150 = 13148 = the total paid', () => {
    given(...paidOrder(), cancelled()).when(refund('f-1', 'cancellation')).then([
      refundIssued({
        refundId: 'f-1', reason: 'cancellation', lines: [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }],
        goods: 12498, shipping: 500, processingFee: 150,
      }),
    ]);
  });
  it('paypal: 12498 + 500 = 12998 with the whole fee retained (150)', () => {
    given(placed({ payment: { method: 'paypal', processingFee: 150 } }), paid(), cancelled()).when(refund('f-1', 'cancellation')).then([
      refundIssued({
        refundId: 'f-1', reason: 'cancellation', lines: [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }], method: 'paypal',
        goods: 12498, shipping: 500, feeRetained: 150,
      }),
    ]);
  });
  it('once: a second cancellation refund has nothing left: refund_exceeds_refundable', () => {
    const s = scenario(...paidOrder(), cancelled());
    s.do(refund('f-1', 'cancellation'));
    expect(toOrderView(s.state)).toMatchObject({ status: 'refunded', paid: TOTAL, refunded: TOTAL });
    given(...s.history()).when(refund('f-2', 'cancellation')).thenError('refund_exceeds_refundable');
  });
  it('an order not cancelled, or cancelled unpaid: invalid_state_transition', () => {
    given(...paidOrder()).when(refund('f-1', 'cancellation')).thenError('invalid_state_transition');
    given(placed(), cancelled()).when(refund('f-1', 'cancellation')).thenError('invalid_state_transition');
  });
  it('returnId, editId or amount: validation_failed', () => {
    given(...paidOrder(), cancelled()).when(refund('f-1', 'cancellation', { editId: 'e-1' })).thenError('validation_failed');
    given(...paidOrder(), cancelled()).when(refund('f-1', 'cancellation', { amount: 1 })).thenError('validation_failed');
    given(...paidOrder(), cancelled()).when(refund('f-1', 'cancellation', { returnId: 'r' })).thenError('validation_failed');
  });
});

describe('IssueRefund as goodwill', () => {
  it('refunds the amount as goods with its fee share: 1000 → fee floor(150×1000/12498) = 12, total 1012', () => {
    given(...deliveredOrder()).when(refund('g-1', 'goodwill', { amount: 1000 })).then([
      refundIssued({ refundId: 'g-1', reason: 'goodwill', goods: 1000, processingFee: 12 }),
    ]);
  });
  it('up to the goods still refundable (12498 − 3000 = 9498), not one cent more: refund_exceeds_refundable', () => {
    const history = [...deliveredOrder(), refundIssued({ refundId: 'g-1', reason: 'goodwill', goods: 3000, processingFee: 36 })];
    given(...history).when(refund('g-2', 'goodwill', { amount: 9499 })).thenError('refund_exceeds_refundable');
    // 9498 completes the goods: fee 150 − 36 = 114, but no shipping: goodwill refunds no unit.
    given(...history).when(refund('g-2', 'goodwill', { amount: 9498 })).then([
      refundIssued({ refundId: 'g-2', reason: 'goodwill', goods: 9498, processingFee: 114 }),
    ]);
  });
  it.each([[undefined], [0], [-5], [10.5]])('amount %s: validation_failed', (amount) => {
    given(...deliveredOrder()).when(refund('g-1', 'goodwill', amount === undefined ? {} : { amount })).thenError('validation_failed');
  });
  it('lines or a returnId: validation_failed', () => {
    given(...deliveredOrder()).when(refund('g-1', 'goodwill', { amount: 5, lines: [{ lineId: '1', quantity: 1 }] })).thenError('validation_failed');
    given(...deliveredOrder()).when(refund('g-1', 'goodwill', { amount: 5, returnId: 'r-1' })).thenError('validation_failed');
  });
});

describe('IssueRefund, rules for every reason', () => {
  it('an unpaid order: invalid_state_transition', () => {
    given(placed()).when(refund('g-1', 'goodwill', { amount: 100 })).thenError('invalid_state_transition');
  });
  it('a refundId already used: refund_already_exists', () => {
    given(...deliveredOrder(), refundIssued({ refundId: 'g-1', reason: 'goodwill', goods: 100, processingFee: 1 }))
      .when(refund('g-1', 'goodwill', { amount: 100 })).thenError('refund_already_exists');
  });
  it('wallet for a guest customer: wallet_requires_registration', () => {
    given(customOrder({ lines: [{ lineId: '1', quantity: 1, unitPrice: 1000 }], registered: false }), paid(1000))
      .when(refund('g-1', 'goodwill', { amount: 100, destination: 'wallet' as RefundDestination })).thenError('wallet_requires_registration');
  });
});

/** The command that would have produced a return event (to drive returns through the decider in scenarios). */
function commandFor(e: OrderEvent): OrderCommand {
  switch (e.type) {
    case 'ReturnRequested':
      return { type: 'RequestReturn', orderId: ORDER_ID, returnId: e.data.returnId, lines: e.data.lines, reason: e.data.reason, resolution: e.data.resolution };
    case 'ReturnApproved': return { type: 'ApproveReturn', orderId: ORDER_ID, returnId: e.data.returnId };
    case 'ReturnDispatched':
      return { type: 'DispatchReturn', orderId: ORDER_ID, returnId: e.data.returnId, carrier: e.data.carrier, trackingNumber: e.data.trackingNumber, shippingCost: e.data.shippingCost };
    case 'ReturnReceived': return { type: 'ReceiveReturn', orderId: ORDER_ID, returnId: e.data.returnId, inspection: e.data.inspection };
    default: throw new Error(`no command for ${e.type}`);
  }
}
