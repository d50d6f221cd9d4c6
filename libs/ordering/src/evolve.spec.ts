import type { OrderEvent } from './events';
import { evolve, foldOrder } from './evolve';
import { toOrderView } from './order-view';
import type { OrderState } from './state';
import { initialOrderState } from './state';
import { at, stateOf, timeline } from './testing/decider-spec';
import {
  T, TOTAL, cancelled, complaintOpened, complaintResolved, complaintResponded, delivered, deliveredOrder, deliveryFailed,
  dispatched, paid, paidOrder, placed, receiptConfirmed, refundIssued, replacementShipped, returnApproved, returnDispatched,
  returnReceived, returnRejected, returnRequested, shippedOrder,
} from './testing/fixtures';

const statuses = (s: OrderState) => s.lines.map((l) => l.status);
const orderStatusOf = (s: OrderState) => toOrderView(s).status;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('evolve: order and line status', () => {
  it('placed → pending_payment; paid → processing, lines awaiting_shipment', () => {
    const placedOnly = stateOf(at(T.placed, placed()));
    expect([orderStatusOf(placedOnly), ...statuses(placedOnly)]).toEqual(['pending_payment', 'pending_payment', 'pending_payment']);
    const paidState = stateOf(...paidOrder());
    expect([orderStatusOf(paidState), ...statuses(paidState)]).toEqual(['processing', 'awaiting_shipment', 'awaiting_shipment']);
    expect(paidState).toMatchObject({ paid: true, paidAmount: TOTAL, paidAt: T.paid, transactionId: 'tx-1', revision: 1 });
  });

  it('each line has its own lifecycle: one delivered, one in transit, one failed', () => {
    const s = stateOf(
      placed({ lines: [
        { lineId: 'a', sku: 'A', name: 'A', quantity: 1, unitPrice: 100, category: 'physical' },
        { lineId: 'b', sku: 'B', name: 'B', quantity: 1, unitPrice: 100, category: 'physical' },
        { lineId: 'c', sku: 'C', name: 'C', quantity: 1, unitPrice: 100, category: 'physical' },
      ], goodsTotal: 300, total: 950 }),
      paid(950), dispatched('s-1', ['a', 'b']), dispatched('s-2', ['c']), delivered('a', T.delivered), deliveryFailed('c', 'damaged'),
    );
    expect(statuses(s)).toEqual(['delivered', 'shipped', 'delivery_failed']);
    expect(s.lines[2]).toMatchObject({ deliveryFailure: 'damaged', shipmentId: 's-2' });
    expect(orderStatusOf(s)).toBe('processing');
  });

  it('cancelled before payment: order and lines cancelled', () => {
    const s = stateOf(placed(), cancelled('customer_request', 'customer'));
    expect([orderStatusOf(s), ...statuses(s)]).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(s.cancellation).toMatchObject({ reason: 'customer_request', by: 'customer' });
  });

  it('cancelled after payment shows cancelled until the refund, then refunded', () => {
    const before = stateOf(...paidOrder(), cancelled());
    expect([orderStatusOf(before), ...statuses(before)]).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const after = stateOf(...paidOrder(), cancelled(), refundIssued({
      refundId: 'f-1', reason: 'cancellation', lines: [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }], goods: 12498, shipping: 500, processingFee: 150,
    }));
    expect([orderStatusOf(after), ...statuses(after)]).toEqual(['refunded', 'refunded', 'refunded']);
  });

  it('completed once every line is completed, refunded or cancelled', () => {
    expect(orderStatusOf(stateOf(...deliveredOrder(), receiptConfirmed(['1'])))).toBe('processing');
    const done = stateOf(...deliveredOrder(), receiptConfirmed(['1', '2']));
    expect([orderStatusOf(done), ...statuses(done)]).toEqual(['completed', 'completed', 'completed']);
    const oneRefunded = stateOf(...shippedOrder(), delivered('2', T.delivered), deliveryFailed('1'),
      refundIssued({ refundId: 'f-1', reason: 'delivery_failed', lines: [{ lineId: '1', quantity: 2 }], goods: 9998, processingFee: 119 }),
      receiptConfirmed(['2']));
    expect([orderStatusOf(oneRefunded), ...statuses(oneRefunded)]).toEqual(['completed', 'refunded', 'completed']);
  });

  it('a line under return shows the return\'s stage', () => {
    const steps: OrderEvent[] = [
      returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'), returnDispatched('r-1', 700), returnReceived('r-1'),
    ];
    const seen = steps.map((_, i) => stateOf(...deliveredOrder(), ...steps.slice(0, i + 1)).lines[0].status);
    expect(seen).toEqual(['return_requested', 'return_approved', 'return_in_transit', 'return_received']);
    const received = stateOf(...deliveredOrder(), ...steps);
    expect(received.lines[0]).toMatchObject({ openReturnId: 'r-1', returnedQuantity: 1, refundedQuantity: 0 });
    expect(received.returns[0]).toMatchObject({ status: 'received', inspection: 'passed', shippingCost: 700, merchantFault: true });
  });

  it('a rejected return puts the line back where it was (delivered, or completed)', () => {
    const delivered1 = stateOf(...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnRejected('r-1'));
    expect(delivered1.lines[0]).toMatchObject({ status: 'delivered', openReturnId: undefined });
    expect(delivered1.returns[0]).toMatchObject({ status: 'rejected', rejectionReason: 'outside policy' });
    const completed1 = stateOf(...deliveredOrder(), receiptConfirmed(['1']), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnRejected('r-1'));
    expect(completed1.lines[0].status).toBe('completed');
  });

  it('a failed inspection closes the return without money and puts the line back', () => {
    const s = stateOf(...deliveredOrder(), receiptConfirmed(['1', '2']), returnRequested('r-1', [{ lineId: '2', quantity: 1 }]),
      returnApproved('r-1'), returnDispatched('r-1'), returnReceived('r-1', 'failed'));
    expect(s.lines[1]).toMatchObject({ status: 'completed', returnedQuantity: 0, refundedQuantity: 0 });
    expect(s.returns[0].status).toBe('failed_inspection');
    expect(orderStatusOf(s)).toBe('completed');
  });

  it('a partial refund leaves the line where it was, with its refunded quantity; the rest makes it refunded', () => {
    const returned = [...deliveredOrder(), returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'),
      returnDispatched('r-1'), returnReceived('r-1')];
    const partial = stateOf(...returned,
      refundIssued({ refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, processingFee: 59 }));
    expect(partial.lines[0]).toMatchObject({ status: 'delivered', refundedQuantity: 1, returnedQuantity: 0, openReturnId: undefined });
    expect(partial.returns[0]).toMatchObject({ status: 'refunded', refundId: 'f-1' });
    expect(partial.refunded).toEqual({ goods: 4999, feeShareCounted: 59, shippingRefunded: false, total: 5058 });
    expect(orderStatusOf(partial)).toBe('processing');
  });

  it('exchange: received → replacement shipped (return replaced, line in transit again) → delivered → completed', () => {
    const exchange = [...deliveredOrder(), returnRequested('x-1', [{ lineId: '2', quantity: 1 }], 'defective', 'exchange'),
      returnApproved('x-1'), returnDispatched('x-1'), returnReceived('x-1')];
    const shipped = stateOf(...exchange, replacementShipped('s-2', ['2'], 'x-1'));
    expect(shipped.lines[1]).toMatchObject({
      status: 'shipped', shipmentId: 's-2', carrier: 'UPS', trackingNumber: 'TRK-s-2', deliveredAt: undefined, returnedQuantity: 0,
      openReturnId: undefined, refundedQuantity: 0,
    });
    expect(shipped.returns[0]).toMatchObject({ status: 'replaced', replacementShipmentId: 's-2' });
    expect(shipped.shipments.map((s) => [s.shipmentId, s.replacement])).toEqual([['s-1', false], ['s-2', true]]);
    const done = stateOf(...exchange, replacementShipped('s-2', ['2'], 'x-1'), delivered('2', '2026-03-20T10:00:00Z'), receiptConfirmed(['1', '2']));
    expect([orderStatusOf(done), ...statuses(done)]).toEqual(['completed', 'completed', 'completed']);
    expect(done.lines[1].deliveredAt).toBe('2026-03-20T10:00:00.000Z');
  });

  it('a failed delivery re-shipped goes back in transit', () => {
    const s = stateOf(...shippedOrder(), deliveryFailed('1'), replacementShipped('s-2', ['1']));
    expect(s.lines[0]).toMatchObject({ status: 'shipped', shipmentId: 's-2', deliveryFailure: undefined });
  });

  it('complaints: open → responded → resolved', () => {
    const statusesOf = (...events: OrderEvent[]) => stateOf(...paidOrder(), ...events).complaints.map((c) => c.status);
    expect(statusesOf(complaintOpened('k-1'))).toEqual(['open']);
    expect(statusesOf(complaintOpened('k-1'), complaintResponded('k-1'))).toEqual(['responded']);
    expect(statusesOf(complaintOpened('k-1'), complaintResponded('k-1'), complaintResolved('k-1'))).toEqual(['resolved']);
  });
});

describe('evolve: purity and cost', () => {
  const story = (): OrderEvent[] => [
    placed(), paid(), dispatched('s-1', ['1', '2']), delivered('1', T.delivered), delivered('2', T.delivered),
    returnRequested('r-1', [{ lineId: '1', quantity: 1 }]), returnApproved('r-1'), returnDispatched('r-1', 700), returnReceived('r-1'),
    refundIssued({ refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, returnShipping: 700, processingFee: 59 }),
    complaintOpened('k-1'), receiptConfirmed(['2']),
  ];

  it('never mutates its input (every intermediate state deep-frozen)', () => {
    let state: OrderState = deepFreeze(initialOrderState);
    for (const e of timeline(story())) state = deepFreeze(evolve(state, deepFreeze(e.event), e));
    expect(state.revision).toBe(story().length - 1);
  });

  it('shares what an event does not touch', () => {
    const before = stateOf(...deliveredOrder());
    const after = evolve(before, receiptConfirmed(['2']), { occurredAt: '2026-03-06T00:00:00.000Z', revision: 99 });
    expect(after.lines[0]).toBe(before.lines[0]);
    expect(after.lines[1]).not.toBe(before.lines[1]);
    expect(after.returns).toBe(before.returns);
    expect(after.customer).toBe(before.customer);
  });

  it('records revision and updatedAt from the metadata; placedAt from OrderPlaced', () => {
    const s = foldOrder([
      { event: placed(), occurredAt: '2026-03-02T09:00:00.000Z', revision: 0 },
      { event: paid(), occurredAt: '2026-03-02T09:30:00.000Z', revision: 1 },
    ]);
    expect(s).toMatchObject({ revision: 1, placedAt: '2026-03-02T09:00:00.000Z', updatedAt: '2026-03-02T09:30:00.000Z' });
  });

  it('refuses an event type it does not know: folding past it would silently miss what it changed', () => {
    const before = stateOf(...paidOrder());
    const meta = { occurredAt: '2026-03-09T00:00:00.000Z', revision: 2 };
    expect(() => evolve(before, { type: 'SomethingNew', data: {} } as unknown as OrderEvent, meta)).toThrow("Unknown order event type 'SomethingNew'");
    // Not even a name Object.prototype happens to carry.
    expect(() => evolve(before, { type: 'constructor', data: {} } as unknown as OrderEvent, meta)).toThrow(/Unknown order event type/);
  });
});
