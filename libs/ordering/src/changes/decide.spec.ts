/**
 * Changing an order before it ships, on the standard order (fixtures.ts):
 *   line 1: 2 × 4999, line 2: 1 × 2500 → goodsTotal 12498; shippingFee 500; processingFee 150 (card); total 13148.
 * The worked examples of docs/domain-rules.md "Changing an order" are the `example` cases.
 */
import type { CancelLine, EditChange, EditOrder, IssueRefund, OrderCommand } from '../commands';
import type { OrderLine } from '../events';
import { toOrderView } from '../order-view';
import { orderDecider } from '../decider';
import type { OrderState } from '../state';
import { given, scenario } from '../testing/decider-spec';
import { ORDER_ID, TOTAL, dispatched, paidOrder, placed, shippedOrder } from '../testing/fixtures';
import { previewEdit } from './edit-changes';

const cancelLine = (lineId: string, reason: CancelLine['reason'], quantity?: number): CancelLine =>
  ({ type: 'CancelLine', orderId: ORDER_ID, lineId, reason, ...(quantity !== undefined ? { quantity } : {}) });
const edit = (editId: string, ...changes: EditChange[]): EditOrder => ({ type: 'EditOrder', orderId: ORDER_ID, editId, changes });
const refund = (refundId: string, reason: IssueRefund['reason'], more: Partial<IssueRefund> = {}): IssueRefund =>
  ({ type: 'IssueRefund', orderId: ORDER_ID, refundId, reason, destination: 'original', ...more });
const pay = (amount: number): OrderCommand => ({ type: 'ConfirmPayment', orderId: ORDER_ID, transactionId: 'tx-2', amount });
const ship = (shipmentId: string, lineIds: string[]): OrderCommand =>
  ({ type: 'DispatchShipment', orderId: ORDER_ID, shipmentId, lineIds, carrier: 'DHL', trackingNumber: `TRK-${shipmentId}` });
const trackball = (quantity = 1, unitPrice = 3500): OrderLine =>
  ({ lineId: '3', sku: 'TB-01', name: 'Trackball', quantity, unitPrice, category: 'physical' });

describe('CancelLine', () => {
  it('example A, unpaid: 1 keyboard out of stock → goodsTotal 7499, total 8149; the payment must carry 8149', () => {
    const s = scenario(placed());
    expect(s.do(cancelLine('1', 'out_of_stock', 1))).toStrictEqual([
      { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' } },
    ]);
    expect(s.state).toMatchObject({ goodsTotal: 7499, total: 8149 });
    expect(s.state.lines[0]).toMatchObject({ cancelledQuantity: 1, refundOwedQuantity: 0, cancelledSettledQuantity: 1, status: 'pending_payment' });
    given(...s.history()).when(pay(TOTAL)).thenError('payment_amount_mismatch');
    s.do(pay(8149));
    expect(toOrderView(s.state)).toMatchObject({ status: 'processing', paid: 8149, refundDue: 0 });
  });

  it('quantity defaults to every unshipped unit; the actor follows the reason', () => {
    given(...paidOrder()).when(cancelLine('1', 'customer_request')).then([
      { type: 'LineCancelled', data: { lineId: '1', quantity: 2, reason: 'customer_request', by: 'customer' } },
    ]);
    given(...paidOrder()).when(cancelLine('2', 'cannot_fulfil')).then([
      { type: 'LineCancelled', data: { lineId: '2', quantity: 1, reason: 'cannot_fulfil', by: 'merchant' } },
    ]);
  });

  it('the last units of the order cancel the order too', () => {
    const s = scenario(placed(), { type: 'LineCancelled', data: { lineId: '1', quantity: 2, reason: 'out_of_stock', by: 'merchant' } });
    expect(s.do(cancelLine('2', 'customer_request'))).toStrictEqual([
      { type: 'LineCancelled', data: { lineId: '2', quantity: 1, reason: 'customer_request', by: 'customer' } },
      { type: 'OrderCancelled', data: { reason: 'customer_request', by: 'customer' } },
    ]);
    expect(toOrderView(s.state)).toMatchObject({ status: 'cancelled', goodsTotal: 0, total: 0 });
    expect(s.state.lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('example B, paid: cancel 1 keyboard, refund it (4999 + fee 59 = 5058), cancel the rest, refund it (7499 + 500 + 91 = 8090) = 13148', () => {
    const s = scenario(...paidOrder());
    s.do(cancelLine('1', 'customer_request', 1));
    expect(toOrderView(s.state)).toMatchObject({ status: 'processing', goodsTotal: 7499, total: 8149, paid: TOTAL, refundDue: 4999 });
    const [first] = s.do(refund('f-1', 'cancellation', { lines: [{ lineId: '1', quantity: 1 }] }));
    expect(first.data).toMatchObject({ lines: [{ lineId: '1', quantity: 1 }], goods: 4999, shipping: 0, processingFee: 59, total: 5058 });
    expect(toOrderView(s.state).refundDue).toBe(0);
    s.do(cancelLine('1', 'out_of_stock'));
    s.do(cancelLine('2', 'out_of_stock'));
    expect(s.state.cancelled).toBe(true);
    const [second] = s.do(refund('f-2', 'cancellation'));
    expect(second.data).toMatchObject({
      lines: [{ lineId: '1', quantity: 1 }, { lineId: '2', quantity: 1 }], goods: 7499, shipping: 500, processingFee: 91, total: 8090,
    });
    expect(5058 + 8090).toBe(TOTAL);
    expect(toOrderView(s.state)).toMatchObject({ status: 'refunded', refunded: TOTAL, refundDue: 0 });
  });

  it('the remaining lines ship as usual; a cancelled line does not', () => {
    const s = scenario(...paidOrder());
    s.do(cancelLine('2', 'out_of_stock'));
    given(...s.history()).when(ship('s-1', ['1', '2'])).thenError('invalid_state_transition');
    s.do(ship('s-1', ['1']));
    expect(s.state.lines.map((l) => l.status)).toEqual(['shipped', 'cancelled']);
  });

  describe('refusals', () => {
    it('a shipped line: line_already_shipped', () => {
      given(...shippedOrder()).when(cancelLine('1', 'customer_request')).thenError('line_already_shipped');
    });
    it('more than the unshipped, uncancelled units, or none left: quantity_exceeds_cancellable', () => {
      given(...paidOrder()).when(cancelLine('1', 'customer_request', 3)).thenError('quantity_exceeds_cancellable');
      given(...paidOrder(), { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' } })
        .when(cancelLine('1', 'customer_request', 2)).thenError('quantity_exceeds_cancellable');
    });
    it('a quantity below 1, or an unknown reason: validation_failed', () => {
      given(...paidOrder()).when(cancelLine('1', 'customer_request', 0)).thenError('validation_failed');
      given(...paidOrder()).when(cancelLine('1', 'payment_timeout' as CancelLine['reason'])).thenError('validation_failed');
    });
    it('an unknown line: line_not_found; a cancelled order: invalid_state_transition', () => {
      given(...paidOrder()).when(cancelLine('9', 'customer_request')).thenError('line_not_found');
      given(...paidOrder(), { type: 'OrderCancelled', data: { reason: 'x', by: 'customer' } })
        .when(cancelLine('1', 'customer_request')).thenError('invalid_state_transition');
    });
  });
});

describe('EditOrder', () => {
  it('unpaid: replace the mouse by a trackball → one OrderEdited; the payment carries the new total 14148', () => {
    const s = scenario(placed());
    expect(s.do(edit('e-1', { op: 'replace_line', lineId: '2', line: trackball() }))).toStrictEqual([{
      type: 'OrderEdited',
      data: {
        editId: 'e-1',
        changes: [{ op: 'replace_line', lineId: '2', cancelledQuantity: 1, line: trackball() }],
        before: { goodsTotal: 12498, total: 13148 },
        after: { goodsTotal: 13498, total: 14148 },
        balanceDue: 0,
        refundDue: 0,
        awaitingBalance: [],
      },
    }]);
    expect(s.state.lines.map((l) => [l.lineId, l.status, l.cancelledQuantity])).toEqual([
      ['1', 'pending_payment', 0], ['2', 'cancelled', 1], ['3', 'pending_payment', 0],
    ]);
    given(...s.history()).when(pay(TOTAL)).thenError('payment_amount_mismatch');
    s.do(pay(14148));
    expect(toOrderView(s.state)).toMatchObject({ status: 'processing', balanceDue: 0 });
  });

  it('set_quantity, add_line and set_shipping_address in one edit', () => {
    const address = { name: 'Ana', line1: '2 Rue Neuve', city: 'Paris', postalCode: '75001', country: 'FR' };
    const [event] = given(placed()).when(edit('e-1',
      { op: 'set_quantity', lineId: '1', quantity: 3 },
      { op: 'add_line', line: trackball(2, 1000) },
      { op: 'set_shipping_address', shippingAddress: address },
    )).events();
    expect(event.data).toMatchObject({
      changes: [
        { op: 'set_quantity', lineId: '1', quantity: 3, previousQuantity: 2 },
        { op: 'add_line', line: trackball(2, 1000) },
        { op: 'set_shipping_address', shippingAddress: address },
      ],
      after: { goodsTotal: 12498 + 4999 + 2000, total: 13148 + 4999 + 2000 },
    });
    const s = scenario(placed(), event);
    expect(s.state.shippingAddress).toEqual(address);
    expect(s.state.lines.map((l) => l.quantity)).toEqual([3, 1, 2]);
    expect(toOrderView(s.state).edits).toEqual([{
      editId: 'e-1', editedAt: '2026-03-02T09:01:00.000Z', before: { goodsTotal: 12498, total: 13148 },
      after: { goodsTotal: 19497, total: 20147 }, balanceDue: 0, refundDue: 0,
    }]);
  });

  it('example C, paid and dearer: balance 1000; the trackball waits for it, the rest ships; the balance payment frees it', () => {
    const s = scenario(...paidOrder());
    const [edited] = s.do(edit('e-1', { op: 'replace_line', lineId: '2', line: trackball() }));
    expect(edited.data).toMatchObject({ balanceDue: 1000, refundDue: 0, awaitingBalance: [{ lineId: '3', quantity: 1 }] });
    expect(toOrderView(s.state)).toMatchObject({ balanceDue: 1000, total: 14148, paid: TOTAL });
    given(...s.history()).when(ship('s-1', ['1', '3'])).thenError('balance_unpaid');
    s.do(ship('s-1', ['1']));
    given(...s.history()).when(pay(999)).thenError('payment_amount_mismatch');
    s.do(pay(1000));
    expect(s.state).toMatchObject({ balanceDue: 0, paidAmount: 14148, paidGoods: 13498 });
    s.do(ship('s-2', ['3']));
    expect(s.state.lines.map((l) => l.status)).toEqual(['shipped', 'cancelled', 'shipped']);
  });

  it('example C, then the trackball cancelled before it ships: 3500 + floor(150 × 3500 / 13498) = 38 → 3538', () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'replace_line', lineId: '2', line: trackball() }));
    s.do(pay(1000));
    s.do(cancelLine('3', 'customer_request'));
    expect(s.do(refund('f-1', 'cancellation'))[0].data).toMatchObject({ lines: [{ lineId: '3', quantity: 1 }], goods: 3500, processingFee: 38, total: 3538 });
  });

  it('example D, paid and cheaper: 1 keyboard fewer leaves 4999 to refund: 4999 + fee floor(150×4999/12498) = 59 → 5058', () => {
    const s = scenario(...paidOrder());
    const [edited] = s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 }));
    expect(edited.data).toMatchObject({ after: { goodsTotal: 7499, total: 8149 }, balanceDue: 0, refundDue: 4999, awaitingBalance: [] });
    const [refunded] = s.do(refund('f-1', 'edit', { editId: 'e-1' }));
    expect(refunded).toStrictEqual({
      type: 'RefundIssued',
      data: {
        refundId: 'f-1', reason: 'edit', editId: 'e-1', lines: [], destination: 'original', method: 'card',
        goods: 4999, shipping: 0, returnShipping: 0, processingFee: 59, feeRetained: 0, total: 5058,
      },
    });
    expect(toOrderView(s.state)).toMatchObject({ refundDue: 0, refunded: 5058 });
    given(...s.history()).when(refund('f-2', 'edit', { editId: 'e-1' })).thenError('refund_exceeds_refundable');
  });

  it('a later dearer edit uses the credit of a cheaper one first', () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 }));
    const [second] = s.do(edit('e-2', { op: 'add_line', line: trackball(1, 6000) }));
    expect(second.data).toMatchObject({ balanceDue: 1001, refundDue: 0, awaitingBalance: [{ lineId: '3', quantity: 1 }] });
  });

  it('preview answers the totals and what would be due, and the state is untouched', () => {
    const { state } = given(...paidOrder());
    expect(previewEdit(state, 'e-1', [{ op: 'replace_line', lineId: '2', line: trackball() }])).toStrictEqual({
      editId: 'e-1', before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 13498, total: 14148 }, balanceDue: 1000, refundDue: 0,
    });
    expect(state.edits).toEqual([]);
  });

  describe('refusals', () => {
    it('a shipped line, or an address once anything shipped: line_already_shipped', () => {
      given(...shippedOrder()).when(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 })).thenError('line_already_shipped');
      given(...shippedOrder()).when(edit('e-1', { op: 'replace_line', lineId: '2', line: trackball() })).thenError('line_already_shipped');
      const address = { name: 'A', line1: 'x', city: 'y', postalCode: 'z', country: 'FR' };
      given(...paidOrder(), dispatched('s-1', ['2'])).when(edit('e-1', { op: 'set_shipping_address', shippingAddress: address }))
        .thenError('line_already_shipped');
    });
    it('an unknown line: line_not_found; a cancelled line or order: invalid_state_transition', () => {
      given(placed()).when(edit('e-1', { op: 'set_quantity', lineId: '9', quantity: 1 })).thenError('line_not_found');
      given(placed(), { type: 'LineCancelled', data: { lineId: '2', quantity: 1, reason: 'out_of_stock', by: 'merchant' } })
        .when(edit('e-1', { op: 'set_quantity', lineId: '2', quantity: 1 })).thenError('invalid_state_transition');
      given(placed(), { type: 'OrderCancelled', data: { reason: 'x', by: 'customer' } })
        .when(edit('e-1', { op: 'add_line', line: trackball() })).thenError('invalid_state_transition');
    });
    it('an editId used before: edit_already_exists', () => {
      const s = scenario(placed());
      s.do(edit('e-1', { op: 'add_line', line: trackball() }));
      given(...s.history()).when(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 })).thenError('edit_already_exists');
    });
    it('no change, more than 20, quantity 0, a lineId taken, a line changed twice, a bad line: validation_failed', () => {
      given(placed()).when(edit('e-1')).thenError('validation_failed');
      const many = Array.from({ length: 21 }, () => ({ op: 'set_quantity', lineId: '1', quantity: 1 }) as EditChange);
      given(placed()).when(edit('e-1', ...many)).thenError('validation_failed');
      given(placed()).when(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 0 })).thenError('validation_failed');
      given(placed()).when(edit('e-1', { op: 'add_line', line: { ...trackball(), lineId: '1' } })).thenError('validation_failed');
      given(placed()).when(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 }, { op: 'replace_line', lineId: '1', line: trackball() }))
        .thenError('validation_failed');
      const error = given(placed()).when(edit('e-1', { op: 'add_line', line: { ...trackball(), unitPrice: -1, quantity: 1.5 } }))
        .thenError('validation_failed');
      expect(error).toMatchObject({ errors: [
        { field: 'changes[0].line.quantity', message: 'must be an integer from 1 to 1000' },
        { field: 'changes[0].line.unitPrice', message: 'must be an integer ≥ 0 (minor units)' },
      ] });
    });
    it('a physical line added to an order without address: validation_failed', () => {
      const digital = placed({ shippingAddress: undefined, lines: [{ lineId: '1', sku: 'EB', name: 'E-book', quantity: 1, unitPrice: 900, category: 'digital' }] });
      given(digital).when(edit('e-1', { op: 'add_line', line: trackball() })).thenError('validation_failed');
    });
  });
});

describe('the balance of a dearer edit', () => {
  const replaced = () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'replace_line', lineId: '2', line: trackball(1, 4000) }), { now: '2026-03-02T10:00:00.000Z' });
    return s;
  };

  it('example E: not paid within 24 h → the mouse comes back, the trackball is cancelled; totals as before the edit, nothing due', () => {
    const s = replaced();
    expect(s.state).toMatchObject({ balanceDue: 1500, balanceDueSince: '2026-03-02T10:00:00.000Z', replacedUnderBalance: [{ lineId: '2', quantity: 1 }] });
    given(...s.history()).when({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T09:59:59.000Z' }).thenError('invalid_state_transition');
    const before = s.state;
    const lapse = s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' });
    expect(lapse).toStrictEqual([
      { type: 'LineRestored', data: { lineId: '2', quantity: 1, reason: 'payment_timeout' } },
      { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    // Between the two events the balance only grows (nothing is owed back for an instant).
    expect(orderDecider.evolve(before, lapse[0], { occurredAt: '2026-03-03T10:00:00.000Z', revision: before.revision + 1 }))
      .toMatchObject({ goodsTotal: 16498, balanceDue: 4000, editRefundDue: 0 });
    expect(toOrderView(s.state)).toMatchObject({ balanceDue: 0, refundDue: 0, goodsTotal: 12498, total: TOTAL, paid: TOTAL, status: 'processing' });
    expect(s.state.lines.map((l) => [l.lineId, l.status, l.cancelledQuantity, l.refundOwedQuantity, l.cancelledSettledQuantity])).toEqual([
      ['1', 'awaiting_shipment', 0, 0, 0], ['2', 'awaiting_shipment', 0, 0, 0], ['3', 'cancelled', 1, 0, 1],
    ]);
    expect(s.state).toMatchObject({ editRefundDue: 0, replacedUnderBalance: undefined, balanceDueSince: undefined });
    given(...s.history()).when(refund('f-1', 'edit', { editId: 'e-1' })).thenError('refund_exceeds_refundable');
    given(...s.history()).when(refund('f-1', 'cancellation')).thenError('invalid_state_transition');
    s.do(ship('s-1', ['1', '2']));
    expect(s.state.lines.map((l) => l.status)).toEqual(['shipped', 'shipped', 'cancelled']);
  });

  it('after a lapse the mouse is the paid line it was: cancelled later, it refunds 2500 + fee as on the order before the edit; all of it 13148', () => {
    const s = replaced();
    s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' });
    s.do(cancelLine('2', 'customer_request'));
    // floor(150 × 2500 / 12498) = 30, as in example B's running total
    expect(s.do(refund('f-1', 'cancellation'))[0].data).toMatchObject({ lines: [{ lineId: '2', quantity: 1 }], goods: 2500, processingFee: 30, total: 2530 });
    s.do(cancelLine('1', 'out_of_stock'));
    s.do(refund('f-2', 'cancellation'));
    expect(toOrderView(s.state)).toMatchObject({ status: 'refunded', paid: TOTAL, refunded: TOTAL, refundDue: 0 });
  });

  it('a state stored before replacedUnderBalance existed (a projection\'s) folds the lapse events to the same order', () => {
    const s = replaced();
    const { replacedUnderBalance: _dropped, ...stored } = s.state;
    const lapse = s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' });
    const meta = { occurredAt: '2026-03-03T10:00:00.000Z', revision: s.state.revision };
    const folded = lapse.reduce((state: OrderState, event) => orderDecider.evolve(state, event, meta), stored as OrderState);
    expect(toOrderView(folded)).toEqual(toOrderView(s.state));
  });

  it('example F: 2 → 3 keyboards and a trackball, balance 8499 lapses: both cancelled, the line shows 3 with 1 cancelled; nothing restored', () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 3 }, { op: 'add_line', line: trackball() }), { now: '2026-03-02T10:00:00.000Z' });
    expect(s.state).toMatchObject({ balanceDue: 4999 + 3500, replacedUnderBalance: undefined });
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' })).toStrictEqual([
      { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'payment_timeout', by: 'system' } },
      { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(s.state.lines[0]).toMatchObject({ quantity: 3, cancelledQuantity: 1, cancelledSettledQuantity: 1, awaitingBalanceQuantity: 0, status: 'awaiting_shipment' });
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 12498, total: TOTAL, balanceDue: 0, refundDue: 0 });
    expect(toOrderView(s.state).lines[0]).toMatchObject({ quantity: 3, cancelledQuantity: 1 });
  });

  it('a lapsed add_line with a new address: the line is cancelled, the address stands (it needed no payment)', () => {
    const address = { name: 'Ana', line1: '2 Rue Neuve', city: 'Paris', postalCode: '75001', country: 'FR' };
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'add_line', line: trackball(2, 1000) }, { op: 'set_shipping_address', shippingAddress: address }), { now: '2026-03-02T10:00:00.000Z' });
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' })).toStrictEqual([
      { type: 'LineCancelled', data: { lineId: '3', quantity: 2, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(s.state.shippingAddress).toEqual(address);
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 12498, total: TOTAL, balanceDue: 0, refundDue: 0 });
  });

  it('example G: a lower quantity in the same edit stands: the mouse comes back, 4999 is an edit refund (5058 with its fee share)', () => {
    const s = scenario(...paidOrder());
    // −4999 + (8000 − 2500) = 501 due
    s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 }, { op: 'replace_line', lineId: '2', line: trackball(1, 8000) }), { now: '2026-03-02T10:00:00.000Z' });
    expect(s.state.balanceDue).toBe(501);
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' })).toStrictEqual([
      { type: 'LineRestored', data: { lineId: '2', quantity: 1, reason: 'payment_timeout' } },
      { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 4999 + 2500, balanceDue: 0, refundDue: 4999 });
    expect(s.do(refund('f-1', 'edit', { editId: 'e-1' }))[0].data).toMatchObject({ goods: 4999, processingFee: 59, total: 5058 });
  });

  it('edits piling on one balance: the line paid for comes back, not the unpaid replacement in between', () => {
    const s = replaced();
    // The trackball (unpaid) replaced by a 5000 line: 12498 → 13998 → 14998, balance 2500.
    s.do(edit('e-2', { op: 'replace_line', lineId: '3', line: { ...trackball(1, 5000), lineId: '4' } }), { now: '2026-03-02T20:00:00.000Z' });
    expect(s.state).toMatchObject({ balanceDue: 2500, balanceDueSince: '2026-03-02T10:00:00.000Z', replacedUnderBalance: [{ lineId: '2', quantity: 1 }] });
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' })).toStrictEqual([
      { type: 'LineRestored', data: { lineId: '2', quantity: 1, reason: 'payment_timeout' } },
      { type: 'LineCancelled', data: { lineId: '4', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 12498, total: TOTAL, balanceDue: 0, refundDue: 0 });
    expect(s.state.lines.map((l) => l.status)).toEqual(['awaiting_shipment', 'awaiting_shipment', 'cancelled', 'cancelled']);
  });

  it('an increase then a replacement of the same line: only the paid keyboards come back', () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 3 }), { now: '2026-03-02T10:00:00.000Z' });
    s.do(edit('e-2', { op: 'replace_line', lineId: '1', line: trackball(1, 20000) }), { now: '2026-03-02T11:00:00.000Z' });
    expect(s.state).toMatchObject({ balanceDue: 20000 - 2 * 4999, replacedUnderBalance: [{ lineId: '1', quantity: 2 }] });
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T10:00:00.000Z' })).toStrictEqual([
      { type: 'LineRestored', data: { lineId: '1', quantity: 2, reason: 'payment_timeout' } },
      { type: 'LineCancelled', data: { lineId: '3', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(s.state.lines[0]).toMatchObject({ quantity: 3, cancelledQuantity: 1, cancelledSettledQuantity: 1, status: 'awaiting_shipment' });
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 12498, total: TOTAL, balanceDue: 0, refundDue: 0 });
  });

  it('a paid balance makes its replacements final: a later lapse restores nothing of them', () => {
    const s = replaced();
    s.do(pay(1500));
    expect(s.state.replacedUnderBalance).toBeUndefined();
    s.do(edit('e-2', { op: 'add_line', line: { ...trackball(1, 700), lineId: '4' } }), { now: '2026-03-02T12:00:00.000Z' });
    expect(s.do({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-03T12:00:00.000Z' })).toStrictEqual([
      { type: 'LineCancelled', data: { lineId: '4', quantity: 1, reason: 'payment_timeout', by: 'system' } },
    ]);
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 13998, balanceDue: 0, refundDue: 0 });
  });

  it('a replacement cancelled by hand ends the balance: the credit is refunded, nothing is left to restore', () => {
    const s = replaced();
    s.do(cancelLine('3', 'out_of_stock'));
    expect(s.state).toMatchObject({ balanceDue: 0, editRefundDue: 2500, replacedUnderBalance: undefined });
    given(...s.history()).when({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-04T10:00:00.000Z' }).thenError('invalid_state_transition');
  });

  it('a paid balance leaves nothing for the timer: LapseBalance is refused', () => {
    const s = replaced();
    s.do(pay(1500));
    given(...s.history()).when({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-03-04T10:00:00.000Z' }).thenError('invalid_state_transition');
  });

  it('after the balance is paid, the fee share runs on all goods paid: cancel the trackball → 4000 + floor(150×4000/13998) = 42', () => {
    const s = replaced();
    s.do(pay(1500));
    s.do(cancelLine('3', 'customer_request'));
    expect(s.do(refund('f-1', 'cancellation'))[0].data).toMatchObject({ goods: 4000, processingFee: 42, total: 4042 });
  });

  it('the whole story refunds exactly what was paid: 13148 + 1500 = 14648', () => {
    const s = replaced();
    s.do(pay(1500));
    s.do(cancelLine('3', 'customer_request'));
    s.do(refund('f-1', 'cancellation'));
    s.do(cancelLine('1', 'out_of_stock'));
    s.do(refund('f-2', 'cancellation'));
    expect(s.state.refunded.total).toBe(TOTAL + 1500);
    expect(toOrderView(s.state)).toMatchObject({ status: 'refunded', paid: TOTAL + 1500, refunded: TOTAL + 1500 });
  });

  it('a balance payment on an order with no balance is refused as before (already paid)', () => {
    given(...paidOrder()).when(pay(100)).thenError('invalid_state_transition');
  });

  it('the cancellation refund takes named units at most as many as owed: refund_exceeds_refundable', () => {
    given(...paidOrder(), { type: 'LineCancelled', data: { lineId: '1', quantity: 1, reason: 'out_of_stock', by: 'merchant' } })
      .when(refund('f-1', 'cancellation', { lines: [{ lineId: '1', quantity: 2 }] })).thenError('refund_exceeds_refundable');
  });

  it('an edit refund names a known edit: edit_not_found; it needs editId: validation_failed', () => {
    const s = scenario(...paidOrder());
    s.do(edit('e-1', { op: 'set_quantity', lineId: '1', quantity: 1 }));
    given(...s.history()).when(refund('f-1', 'edit', { editId: 'e-9' })).thenError('edit_not_found');
    given(...s.history()).when(refund('f-1', 'edit')).thenError('validation_failed');
    given(...s.history()).when(refund('f-1', 'edit', { editId: 'e-1', lines: [{ lineId: '1', quantity: 1 }] })).thenError('validation_failed');
  });

  it('unpaid units cancelled by hand reduce the balance first', () => {
    const s = replaced();
    s.do(cancelLine('3', 'customer_request'));
    expect(s.state).toMatchObject({ balanceDue: 0, editRefundDue: 2500, balanceDueSince: undefined });
    expect(s.state.lines[2]).toMatchObject({ refundOwedQuantity: 0, cancelledSettledQuantity: 1, awaitingBalanceQuantity: 0 });
  });

  it('a cancelled order voids its balance', () => {
    const s = replaced();
    s.do({ type: 'CancelOrder', orderId: ORDER_ID, reason: 'customer_request', by: 'customer' });
    expect(s.state).toMatchObject({ balanceDue: 0, editRefundDue: 2500 });
    expect(s.do(refund('f-1', 'cancellation'))[0].data).toMatchObject({ lines: [{ lineId: '1', quantity: 2 }], goods: 9998 });
    s.do(refund('f-2', 'edit', { editId: 'e-1' }));
    expect(s.state.refunded.total).toBe(TOTAL);
  });
});
