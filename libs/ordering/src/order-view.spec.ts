import { DomainError } from './errors';
import { toOrderView } from './order-view';
import { initialOrderState } from './state';
import { at, stateOf } from './testing/decider-spec';
import {
  T, complaintOpened, complaintResponded, delivered, dispatched, paidOrder, placed, refundIssued, returnApproved,
  returnDispatched, returnReceived, returnRequested,
} from './testing/fixtures';

describe('toOrderView', () => {
  const history = [
    ...paidOrder(),
    at('2026-03-03T10:00:00.000Z', dispatched('s-1', ['1'])),
    at('2026-03-05T14:00:00.000Z', delivered('1', T.delivered)),
    at('2026-03-06T09:00:00.000Z', returnRequested('r-1', [{ lineId: '1', quantity: 1 }], 'defective', 'refund')),
    at('2026-03-06T10:00:00.000Z', returnApproved('r-1')),
    at('2026-03-07T10:00:00.000Z', returnDispatched('r-1', 700)),
    at('2026-03-09T10:00:00.000Z', returnReceived('r-1')),
    at('2026-03-10T10:00:00.000Z', refundIssued({
      refundId: 'f-1', reason: 'return', returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], goods: 4999, returnShipping: 700, processingFee: 59,
    })),
    at('2026-03-10T11:00:00.000Z', complaintOpened('k-1')),
    at('2026-03-10T12:00:00.000Z', complaintResponded('k-1')),
  ];

  it('has exactly the shape of GET /orders/{orderId}', () => {
    expect(toOrderView(stateOf(...history))).toStrictEqual({
      orderId: 'o-1',
      status: 'processing',
      customer: { id: 'c-42', email: 'ana@example.com', name: 'Ana', registered: true },
      channel: 'web',
      currency: 'EUR',
      goodsTotal: 12498,
      shippingFee: 500,
      processingFee: 150,
      total: 13148,
      paid: 13148,
      refunded: 5758,
      balanceDue: 0,
      refundDue: 0,
      lines: [
        {
          lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical', status: 'delivered',
          refundedQuantity: 1, cancelledQuantity: 0, awaitingBalanceQuantity: 0, exchangedQuantity: 0, shipmentId: 's-1', carrier: 'DHL', trackingNumber: 'TRK-s-1', deliveredAt: '2026-03-05T14:00:00.000Z',
        },
        { lineId: '2', sku: 'MS-01', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical', status: 'awaiting_shipment', refundedQuantity: 0,
          cancelledQuantity: 0, awaitingBalanceQuantity: 0, exchangedQuantity: 0 },
      ],
      returns: [{ returnId: 'r-1', status: 'refunded', reason: 'defective', resolution: 'refund', lines: [{ lineId: '1', quantity: 1 }] }],
      refunds: [{ refundId: 'f-1', reason: 'return', destination: 'original', total: 5758 }],
      edits: [],
      complaints: [{ complaintId: 'k-1', status: 'responded', feedback: null, reopenedCount: 0 }],
      revision: 10,
      placedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-10T12:00:00.000Z',
    });
  });

  it('omits optional keys rather than writing null or undefined', () => {
    const view = toOrderView(stateOf(placed({ customer: { id: 'c-1', registered: false } })));
    expect(JSON.parse(JSON.stringify(view))).toStrictEqual(view);
    expect(view.customer).toStrictEqual({ id: 'c-1', registered: false });
    expect(Object.keys(view.lines[0])).toEqual(['lineId', 'sku', 'name', 'quantity', 'unitPrice', 'category', 'status', 'refundedQuantity', 'cancelledQuantity', 'awaitingBalanceQuantity',
      'exchangedQuantity',
    ]);
    expect(view.paid).toBe(0);
    expect(view.refunded).toBe(0);
  });

  it('is deterministic: the same events give byte-identical JSON', () => {
    expect(JSON.stringify(toOrderView(stateOf(...history)))).toBe(JSON.stringify(toOrderView(stateOf(...history))));
  });

  it('answers order_not_found before the order exists (e.g. state-at a time before placement)', () => {
    expect(() => toOrderView(initialOrderState)).toThrow(DomainError);
    try { toOrderView(initialOrderState); } catch (e) { expect((e as DomainError).code).toBe('order_not_found'); }
  });
});
