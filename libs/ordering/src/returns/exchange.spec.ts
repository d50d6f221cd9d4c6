/**
 * Exchange for another product, on the standard delivered order (fixtures.ts):
 *   line 1: 2 × 4999, line 2: 1 × 2500 (the mouse) → goodsTotal 12498; shippingFee 500; processingFee 150 (card); total 13148.
 * The worked examples of docs/domain-rules.md "Exchange for another product" are the `example` cases.
 */
import type { IssueRefund, OrderCommand } from '../commands';
import type { OrderLine, ReturnReason } from '../events';
import { toOrderView } from '../order-view';
import { openObligations } from '../sla/obligations';
import { at, given, scenario } from '../testing/decider-spec';
import { runTimers } from '../sla/testing/timer-ledger';
import { ORDER_ID, TOTAL, deliveredOrder } from '../testing/fixtures';

const product = (lineId: string, unitPrice: number, quantity = 1): OrderLine =>
  ({ lineId, sku: `SKU-${lineId}`, name: `Item ${lineId}`, quantity, unitPrice, category: 'physical' });
const request = (exchangeFor: OrderLine[] | undefined, reason: ReturnReason = 'not_as_described', resolution: 'exchange' | 'refund' = 'exchange'): OrderCommand => ({
  type: 'RequestReturn', orderId: ORDER_ID, returnId: 'r-1', lines: [{ lineId: '2', quantity: 1 }], reason, resolution,
  ...(exchangeFor !== undefined ? { exchangeFor } : {}),
});
const approve: OrderCommand = { type: 'ApproveReturn', orderId: ORDER_ID, returnId: 'r-1' };
const sendBack: OrderCommand = { type: 'DispatchReturn', orderId: ORDER_ID, returnId: 'r-1', carrier: 'La Poste', trackingNumber: 'RT-1', shippingCost: 600 };
const receive = (inspection: 'passed' | 'failed' = 'passed'): OrderCommand => ({ type: 'ReceiveReturn', orderId: ORDER_ID, returnId: 'r-1', inspection });
const replace = (lineIds: string[], shipmentId = 's-x'): OrderCommand =>
  ({ type: 'ShipReplacement', orderId: ORDER_ID, shipmentId, lineIds, carrier: 'DHL', trackingNumber: `TRK-${shipmentId}`, returnId: 'r-1' });
const refund = (refundId: string, more: Partial<IssueRefund> = {}): IssueRefund =>
  ({ type: 'IssueRefund', orderId: ORDER_ID, refundId, reason: 'exchange', returnId: 'r-1', destination: 'original', ...more });
const pay = (amount: number): OrderCommand => ({ type: 'ConfirmPayment', orderId: ORDER_ID, transactionId: 'tx-2', amount });

/** The mouse sent back for `exchangeFor`, up to the merchant's inspection (not run). */
function inTransit(exchangeFor: OrderLine[]) {
  const s = scenario(...deliveredOrder());
  s.do(request(exchangeFor));
  s.do(approve);
  s.do(sendBack);
  return s;
}

describe('exchange for another product', () => {
  it('example X1, dearer: the mouse (2500) for a trackball (3500) leaves a balance of 1000 the trackball waits for', () => {
    const s = inTransit([product('3', 3500)]);
    expect(s.do(receive())).toStrictEqual([
      { type: 'ReturnReceived', data: { returnId: 'r-1', inspection: 'passed' } },
      {
        type: 'ExchangePriced',
        data: { returnId: 'r-1', returnedGoods: 2500, exchangeGoods: 3500, balanceDue: 1000, refundDue: 0, awaitingBalance: [{ lineId: '3', quantity: 1 }] },
      },
    ]);
    const view = toOrderView(s.state);
    expect(view).toMatchObject({ goodsTotal: 13498, total: 14148, paid: TOTAL, balanceDue: 1000, refundDue: 0, status: 'processing' });
    expect(view.returns).toEqual([{
      returnId: 'r-1', status: 'exchange_pending_payment', reason: 'not_as_described', resolution: 'exchange',
      lines: [{ lineId: '2', quantity: 1 }], exchangeFor: [{ lineId: '3', quantity: 1 }],
    }]);
    expect(view.lines.map((l) => [l.lineId, l.status, l.exchangedQuantity, l.awaitingBalanceQuantity, l.exchangeOf])).toEqual([
      ['1', 'delivered', 0, 0, undefined], ['2', 'return_received', 1, 0, undefined], ['3', 'exchange_pending_payment', 0, 1, 'r-1'],
    ]);
    given(...s.history()).when(replace(['3'])).thenError('balance_unpaid');
    given(...s.history()).when(pay(999)).thenError('payment_amount_mismatch');
    s.do(pay(1000));
    expect(s.state).toMatchObject({ balanceDue: 0, paidAmount: 14148, paidGoods: 13498 });
    expect(toOrderView(s.state).returns[0].status).toBe('received');
    expect(s.state.lines[2].status).toBe('awaiting_shipment');
    given(...s.history()).when(replace(['2'])).thenError('validation_failed');
    s.do(replace(['3']));
    const shipped = toOrderView(s.state);
    expect(shipped.returns[0].status).toBe('replaced');
    expect(shipped.lines.map((l) => [l.lineId, l.status])).toEqual([['1', 'delivered'], ['2', 'exchanged'], ['3', 'shipped']]);
    // The trackball, later refunded, gives back its price and its fee share on everything paid: floor(150 × 3500 / 13498) = 38.
    s.do({ type: 'MarkItemDeliveryFailed', orderId: ORDER_ID, lineId: '3', reason: 'lost' });
    expect(s.do({ ...refund('f-1'), reason: 'delivery_failed', returnId: undefined } as IssueRefund)[0].data)
      .toMatchObject({ lines: [{ lineId: '3', quantity: 1 }], goods: 3500, processingFee: 38, total: 3538 });
  });

  it('example X2, cheaper: the mouse for a mouse pad (1000): 1500 comes back with its fee share, floor(150 × 1500 / 12498) = 18 → 1518', () => {
    const s = inTransit([product('3', 1000)]);
    const [, priced] = s.do(receive());
    expect(priced.data).toMatchObject({ returnedGoods: 2500, exchangeGoods: 1000, balanceDue: 0, refundDue: 1500, awaitingBalance: [] });
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 10998, total: 11648, balanceDue: 0, refundDue: 1500 });
    const [refunded] = s.do(refund('f-1'));
    expect(refunded).toStrictEqual({
      type: 'RefundIssued',
      data: {
        refundId: 'f-1', reason: 'exchange', returnId: 'r-1', lines: [], destination: 'original', method: 'card',
        goods: 1500, shipping: 0, returnShipping: 0, processingFee: 18, feeRetained: 0, total: 1518,
      },
    });
    // The refund does not close the return: the pad still ships as its replacement.
    expect(toOrderView(s.state)).toMatchObject({ refundDue: 0, refunded: 1518, returns: [{ status: 'received' }] });
    given(...s.history()).when(refund('f-2')).thenError('refund_exceeds_refundable');
    s.do(replace(['3']));
    expect(s.state.lines.map((l) => l.status)).toEqual(['delivered', 'exchanged', 'shipped']);
  });

  it('example X3, same price: nothing to pay or refund, the replacement ships at once', () => {
    const s = inTransit([product('3', 2500)]);
    const [, priced] = s.do(receive());
    expect(priced.data).toMatchObject({ balanceDue: 0, refundDue: 0, awaitingBalance: [] });
    expect(toOrderView(s.state)).toMatchObject({ goodsTotal: 12498, total: TOTAL, balanceDue: 0, refundDue: 0 });
    given(...s.history()).when(refund('f-1')).thenError('refund_exceeds_refundable');
    expect(s.do(replace(['3']))[0]).toMatchObject({ type: 'ReplacementShipped', data: { lineIds: ['3'], returnId: 'r-1' } });
  });

  it('a credit the order already owes pays the exchange balance first (one account, as for edits)', () => {
    const s = scenario(...deliveredOrder(), { type: 'OrderEdited', data: {
      editId: 'e-0', changes: [], before: { goodsTotal: 12498, total: 13148 }, after: { goodsTotal: 12498, total: 13148 },
      balanceDue: 0, refundDue: 400, awaitingBalance: [],
    } });
    s.do(request([product('3', 3500)]));
    s.do(approve);
    s.do(sendBack);
    expect(s.do(receive())[1].data).toMatchObject({ balanceDue: 600, refundDue: 0 });
  });

  it('an exchange of the same price does not wait for the balance another one left', () => {
    const s = inTransit([product('3', 3500)]);
    s.do(receive());
    s.do({ type: 'RequestReturn', orderId: ORDER_ID, returnId: 'r-2', lines: [{ lineId: '1', quantity: 1 }], reason: 'wrong_item', resolution: 'exchange', exchangeFor: [product('4', 4999)] });
    s.do({ type: 'ApproveReturn', orderId: ORDER_ID, returnId: 'r-2' });
    s.do({ ...sendBack, returnId: 'r-2' } as OrderCommand);
    expect(s.do({ ...receive(), returnId: 'r-2' } as OrderCommand)[1].data).toMatchObject({ balanceDue: 1000, refundDue: 0, awaitingBalance: [] });
    expect(s.do({ ...replace(['4'], 's-y'), returnId: 'r-2' } as OrderCommand)[0].type).toBe('ReplacementShipped');
    given(...s.history()).when(replace(['3'])).thenError('balance_unpaid');
  });

  it('the balance never lapses the replacement: LapseBalance is refused when only the exchange waits', () => {
    const s = inTransit([product('3', 3500)]);
    s.do(receive());
    given(...s.history()).when({ type: 'LapseBalance', orderId: ORDER_ID }, { now: '2026-04-01T10:00:00Z' }).thenError('invalid_state_transition');
  });

  it('a failed inspection prices nothing: the line goes back to the customer as it was', () => {
    const s = inTransit([product('3', 3500)]);
    expect(s.do(receive('failed')).map((e) => e.type)).toEqual(['ReturnReceived']);
    expect(s.state.lines.map((l) => [l.lineId, l.status])).toEqual([['1', 'delivered'], ['2', 'delivered']]);
  });

  it('the new line ships only as the replacement, and neither an edit nor a cancellation changes it', () => {
    const s = inTransit([product('3', 2500)]);
    s.do(receive());
    const history = s.history();
    given(...history).when({ type: 'DispatchShipment', orderId: ORDER_ID, shipmentId: 's-9', lineIds: ['3'], carrier: 'DHL', trackingNumber: 'T' })
      .thenError('invalid_state_transition');
    given(...history).when({ type: 'CancelLine', orderId: ORDER_ID, lineId: '3', reason: 'customer_request' }).thenError('invalid_state_transition');
    given(...history).when({ type: 'EditOrder', orderId: ORDER_ID, editId: 'e-1', changes: [{ op: 'set_quantity', lineId: '3', quantity: 2 }] })
      .thenError('invalid_state_transition');
  });

  it('the exchange difference owed back runs a 3-business-day refund timer, met by the exchange refund', () => {
    const s = inTransit([product('3', 1000)]);
    s.do(receive(), { now: '2026-03-13T10:00:00Z' }); // Friday
    expect(openObligations(s.state).filter((o) => o.kind === 'refund')).toEqual([
      { kind: 'refund', subjectId: 'exchange:r-1', refund: { cause: 'exchange', returnId: 'r-1' } },
    ]);
    s.do(refund('f-1'), { now: '2026-03-16T10:00:00Z' });
    const ledger = runTimers(s.history().map((e) => at(e.occurredAt, e.event)));
    expect(ledger.one('refund', 'exchange:r-1')).toMatchObject({
      duration: '3 business days', dueAt: '2026-03-18T10:00:00.000Z', state: 'met', refundPreview: { reason: 'exchange', goods: 1500, total: 1518 },
    });
  });

  describe('refusals', () => {
    it('exchangeFor with another resolution, an empty list, a lineId in use or named twice, a bad line: validation_failed', () => {
      const delivered = deliveredOrder();
      given(...delivered).when(request([product('3', 100)], 'not_as_described', 'refund')).thenError('validation_failed');
      given(...delivered).when(request([])).thenError('validation_failed');
      given(...delivered).when(request([product('1', 100)])).thenError('validation_failed');
      given(...delivered).when(request([product('3', 100), product('3', 200)])).thenError('validation_failed');
      given(...delivered).when(request([{ ...product('3', 100), quantity: 0 }])).thenError('validation_failed');
      given(...delivered).when(request([{ ...product('3', 100), unitPrice: 1.5 }])).thenError('validation_failed');
    });

    it('under warranty after the window, another product: warranty_same_product (the same product is still exchanged)', () => {
      const day16 = { now: '2026-03-21T14:00:00Z' };
      given(...deliveredOrder()).when(request([product('3', 2500)], 'defective'), day16).thenError('warranty_same_product');
      given(...deliveredOrder()).when(request(undefined, 'defective'), day16).events();
      given(...deliveredOrder()).when(request([product('3', 2500)], 'defective'), { now: '2026-03-19T14:00:00Z' }).events(); // day 14
    });

    it('an exchange refund: without returnId validation_failed, unknown return_not_found, not priced or not another product invalid_state_transition', () => {
      const s = inTransit([product('3', 1000)]);
      given(...s.history()).when(refund('f-1')).thenError('invalid_state_transition');
      given(...s.history()).when(refund('f-1', { returnId: undefined })).thenError('validation_failed');
      given(...s.history()).when(refund('f-1', { returnId: 'r-9' })).thenError('return_not_found');
      given(...s.history()).when(refund('f-1', { lines: [{ lineId: '2', quantity: 1 }] })).thenError('validation_failed');
      const same = scenario(...deliveredOrder());
      same.do(request(undefined));
      given(...same.history()).when(refund('f-1')).thenError('invalid_state_transition');
    });
  });
});
