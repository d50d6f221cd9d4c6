import type { OrderCommand } from '../commands';
import { at, given } from '../testing/decider-spec';
import {
  ORDER_ID, T, cancelled, deliveredOrder, delivered, deliveryFailed, dispatched, paidOrder, placed, receiptConfirmed,
  refundIssued, replacementShipped, returnApproved, returnDispatched, returnReceived, returnRequested, shippedOrder,
} from '../testing/fixtures';

const dispatch = (shipmentId: string, lineIds: string[]): OrderCommand =>
  ({ type: 'DispatchShipment', orderId: ORDER_ID, shipmentId, lineIds, carrier: 'DHL', trackingNumber: `TRK-${shipmentId}` });
const deliver = (lineId: string, deliveredAt?: string): OrderCommand =>
  ({ type: 'MarkItemDelivered', orderId: ORDER_ID, lineId, ...(deliveredAt ? { deliveredAt } : {}) });
const failDelivery = (lineId: string): OrderCommand =>
  ({ type: 'MarkItemDeliveryFailed', orderId: ORDER_ID, lineId, reason: 'lost' });
const replace = (shipmentId: string, lineIds: string[], returnId?: string): OrderCommand => ({
  type: 'ShipReplacement', orderId: ORDER_ID, shipmentId, lineIds, carrier: 'UPS', trackingNumber: `TRK-${shipmentId}`,
  ...(returnId ? { returnId } : {}),
});
const confirmReceipt = (by: 'buyer' | 'system', lineIds?: string[]): OrderCommand =>
  ({ type: 'ConfirmReceipt', orderId: ORDER_ID, by, ...(lineIds ? { lineIds } : {}) });

describe('DispatchShipment', () => {
  it('ships lines of a paid order', () => {
    given(...paidOrder()).when(dispatch('s-1', ['1'])).then([dispatched('s-1', ['1'])]);
  });
  it('ships the remaining line in a second shipment', () => {
    given(...paidOrder(), dispatched('s-1', ['1'])).when(dispatch('s-2', ['2'])).then([dispatched('s-2', ['2'])]);
  });
  it('refuses an unpaid order: order_not_paid', () => {
    given(placed()).when(dispatch('s-1', ['1'])).thenError('order_not_paid');
  });
  it('refuses a cancelled order: invalid_state_transition', () => {
    given(...paidOrder(), cancelled()).when(dispatch('s-1', ['1'])).thenError('invalid_state_transition');
    given(placed(), cancelled()).when(dispatch('s-1', ['1'])).thenError('invalid_state_transition');
  });
  it('refuses an unknown line: line_not_found', () => {
    given(...paidOrder()).when(dispatch('s-1', ['9'])).thenError('line_not_found');
  });
  it('refuses a line already shipped: invalid_state_transition', () => {
    given(...paidOrder(), dispatched('s-1', ['1'])).when(dispatch('s-2', ['1', '2'])).thenError('invalid_state_transition');
  });
  it('refuses a shipmentId already used in the order: shipment_already_exists', () => {
    given(...paidOrder(), dispatched('s-1', ['1'])).when(dispatch('s-1', ['2'])).thenError('shipment_already_exists');
  });
  it('refuses an empty or repeated line list: validation_failed', () => {
    given(...paidOrder()).when(dispatch('s-1', [])).thenError('validation_failed');
    given(...paidOrder()).when(dispatch('s-1', ['1', '1'])).thenError('validation_failed');
  });
});

describe('MarkItemDelivered', () => {
  it('records the carrier time, earlier than now', () => {
    given(...shippedOrder()).when(deliver('1', '2026-03-05T14:00:00+01:00'), { now: '2026-03-06T09:00:00Z' })
      .then([delivered('1', '2026-03-05T13:00:00.000Z')]);
  });
  it('defaults the delivery time to now', () => {
    given(...shippedOrder()).when(deliver('2'), { now: '2026-03-05T16:30:00Z' }).then([delivered('2', '2026-03-05T16:30:00.000Z')]);
  });
  it('accepts a delivery at the very dispatch instant and at now', () => {
    given(...shippedOrder()).when(deliver('1', T.dispatched)).then([delivered('1', T.dispatched)]);
    given(...shippedOrder()).when(deliver('1', '2026-03-05T10:00:00Z'), { now: '2026-03-05T10:00:00Z' })
      .then([delivered('1', '2026-03-05T10:00:00Z')]);
  });
  it('refuses a time before the dispatch: delivered_before_dispatch', () => {
    given(...shippedOrder()).when(deliver('1', '2026-03-03T09:59:59Z')).thenError('delivered_before_dispatch');
  });
  it('refuses a time in the future: delivered_in_future', () => {
    given(...shippedOrder()).when(deliver('1', '2026-03-05T10:00:01Z'), { now: '2026-03-05T10:00:00Z' }).thenError('delivered_in_future');
  });
  it('refuses a malformed time: validation_failed', () => {
    given(...shippedOrder()).when(deliver('1', 'yesterday')).thenError('validation_failed');
  });
  it('refuses a line not in transit: invalid_state_transition', () => {
    given(...paidOrder()).when(deliver('1')).thenError('invalid_state_transition');
    given(...deliveredOrder()).when(deliver('1')).thenError('invalid_state_transition');
  });
  it('refuses an unknown line: line_not_found', () => {
    given(...shippedOrder()).when(deliver('9')).thenError('line_not_found');
  });
  it('delivers a replacement, not before the replacement left', () => {
    const history = [
      ...shippedOrder(),
      at('2026-03-06T10:00:00Z', deliveryFailed('1')),
      at('2026-03-09T10:00:00Z', replacementShipped('s-2', ['1'])),
    ];
    given(...history).when(deliver('1', '2026-03-08T10:00:00Z')).thenError('delivered_before_dispatch');
    given(...history).when(deliver('1', '2026-03-10T10:00:00Z'), { now: '2026-03-10T12:00:00Z' })
      .then([delivered('1', '2026-03-10T10:00:00Z')]);
  });
});

describe('MarkItemDeliveryFailed', () => {
  it('records a failed delivery of a shipped line', () => {
    given(...shippedOrder()).when(failDelivery('2')).then([deliveryFailed('2', 'lost')]);
  });
  it('refuses a line not in transit: invalid_state_transition', () => {
    given(...paidOrder()).when(failDelivery('1')).thenError('invalid_state_transition');
    given(...deliveredOrder()).when(failDelivery('1')).thenError('invalid_state_transition');
  });
  it('refuses an unknown line: line_not_found', () => {
    given(...shippedOrder()).when(failDelivery('x')).thenError('line_not_found');
  });
});

describe('ShipReplacement', () => {
  const failed = () => [...shippedOrder(), deliveryFailed('1')];

  it('re-ships a line whose delivery failed', () => {
    given(...failed()).when(replace('s-2', ['1'])).then([replacementShipped('s-2', ['1'])]);
  });
  it('re-ships a failed line partly refunded meanwhile (its remaining units)', () => {
    given(...failed(), refundIssued({ refundId: 'r-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 }))
      .when(replace('s-2', ['1'])).then([replacementShipped('s-2', ['1'])]);
  });
  it('refuses a failed line already wholly refunded: invalid_state_transition', () => {
    given(...failed(), refundIssued({ refundId: 'r-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 2 }], goods: 9998, processingFee: 119 }))
      .when(replace('s-2', ['1'])).thenError('invalid_state_transition');
  });
  it('refuses a line whose delivery did not fail: invalid_state_transition', () => {
    given(...failed()).when(replace('s-2', ['1', '2'])).thenError('invalid_state_transition');
  });
  it('refuses an unknown line: line_not_found', () => {
    given(...failed()).when(replace('s-2', ['7'])).thenError('line_not_found');
  });
  it('refuses a shipmentId already used: shipment_already_exists', () => {
    given(...failed()).when(replace('s-1', ['1'])).thenError('shipment_already_exists');
  });

  describe('for an exchange', () => {
    const exchangeReceived = () => [
      ...deliveredOrder(), returnRequested('x-1', [{ lineId: '2', quantity: 1 }], 'defective', 'exchange'),
      returnApproved('x-1'), returnDispatched('x-1', 600), returnReceived('x-1', 'passed'),
    ];

    it('ships the lines of a received, passed exchange return', () => {
      given(...exchangeReceived()).when(replace('s-2', ['2'], 'x-1')).then([replacementShipped('s-2', ['2'], 'x-1')]);
    });
    it('refuses lines other than the return\'s: validation_failed', () => {
      given(...exchangeReceived()).when(replace('s-2', ['1', '2'], 'x-1')).thenError('validation_failed');
    });
    it('refuses an unknown return: return_not_found', () => {
      given(...exchangeReceived()).when(replace('s-2', ['2'], 'x-9')).thenError('return_not_found');
    });
    it('refuses a return not yet received: invalid_state_transition', () => {
      given(...deliveredOrder(), returnRequested('x-1', [{ lineId: '2', quantity: 1 }], 'defective', 'exchange'), returnApproved('x-1'))
        .when(replace('s-2', ['2'], 'x-1')).thenError('invalid_state_transition');
    });
    it('refuses a return whose inspection failed: invalid_state_transition', () => {
      given(...deliveredOrder(), returnRequested('x-1', [{ lineId: '2', quantity: 1 }], 'defective', 'exchange'),
        returnApproved('x-1'), returnDispatched('x-1'), returnReceived('x-1', 'failed'))
        .when(replace('s-2', ['2'], 'x-1')).thenError('invalid_state_transition');
    });
    it('refuses a refund return: invalid_state_transition', () => {
      given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '2', quantity: 1 }], 'defective', 'refund'),
        returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1'))
        .when(replace('s-2', ['2'], 'r-1')).thenError('invalid_state_transition');
    });
    it('refuses a second replacement for the same return: invalid_state_transition', () => {
      given(...exchangeReceived(), replacementShipped('s-2', ['2'], 'x-1')).when(replace('s-3', ['2'], 'x-1'))
        .thenError('invalid_state_transition');
    });
  });
});

describe('ConfirmReceipt', () => {
  describe('by the buyer', () => {
    it('defaults to every delivered, unconfirmed line', () => {
      given(...deliveredOrder()).when(confirmReceipt('buyer')).then([receiptConfirmed(['1', '2'], 'buyer')]);
    });
    it('skips, by default, lines not delivered or already confirmed', () => {
      given(...shippedOrder(), delivered('1', T.delivered), receiptConfirmed(['1'])).when(confirmReceipt('buyer'))
        .thenError('invalid_state_transition');
      given(...shippedOrder(), delivered('2', T.delivered)).when(confirmReceipt('buyer')).then([receiptConfirmed(['2'], 'buyer')]);
    });
    it('confirms named lines', () => {
      given(...deliveredOrder()).when(confirmReceipt('buyer', ['2'])).then([receiptConfirmed(['2'], 'buyer')]);
    });
    it('refuses a named line not delivered, already confirmed or under return: invalid_state_transition', () => {
      given(...shippedOrder(), delivered('1', T.delivered)).when(confirmReceipt('buyer', ['1', '2'])).thenError('invalid_state_transition');
      given(...deliveredOrder(), receiptConfirmed(['1'])).when(confirmReceipt('buyer', ['1'])).thenError('invalid_state_transition');
      given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]))
        .when(confirmReceipt('buyer', ['1'])).thenError('invalid_state_transition');
    });
    it('refuses an unknown line: line_not_found', () => {
      given(...deliveredOrder()).when(confirmReceipt('buyer', ['3'])).thenError('line_not_found');
    });
    it('refuses when nothing is delivered: invalid_state_transition', () => {
      given(...shippedOrder()).when(confirmReceipt('buyer')).thenError('invalid_state_transition');
    });
  });

  describe('by the system (receipt timer, 7 days)', () => {
    // Both lines delivered Thursday 5 March 14:00 UTC: due Thursday 12 March 14:00.
    it('confirms lines delivered 7 days ago', () => {
      given(...deliveredOrder()).when(confirmReceipt('system'), { now: '2026-03-12T14:00:00Z' })
        .then([receiptConfirmed(['1', '2'], 'system')]);
    });
    it('refuses before 7 days: invalid_state_transition', () => {
      given(...deliveredOrder()).when(confirmReceipt('system'), { now: '2026-03-12T13:59:59Z' }).thenError('invalid_state_transition');
    });
    it('confirms only what is due, skipping lines with an open return', () => {
      const history = [
        ...shippedOrder(), at('2026-03-04T10:00:00Z', delivered('1', '2026-03-04T10:00:00Z')), at(T.delivered, delivered('2', T.delivered)),
      ];
      given(...history).when(confirmReceipt('system'), { now: '2026-03-11T12:00:00Z' }).then([receiptConfirmed(['1'], 'system')]);
      given(...history, returnRequested('r-1', [{ lineId: '1', quantity: 1 }]))
        .when(confirmReceipt('system', ['1', '2']), { now: '2026-03-13T12:00:00Z' }).then([receiptConfirmed(['2'], 'system')]);
    });
    it('refuses when the named line has an open return: invalid_state_transition', () => {
      given(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]))
        .when(confirmReceipt('system', ['1']), { now: '2026-03-20T00:00:00Z' }).thenError('invalid_state_transition');
    });
  });
});
