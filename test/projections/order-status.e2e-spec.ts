/**
 * The order-status read model, fed through the real runtime from a real PostgreSQL event store:
 * the statuses docs/domain-rules.md "Order and line status" describes, and every row equal to the fold of
 * its whole stream.
 */
import type { NewEvent } from '@app/event-store';
import type { OrderCommand, OrderView } from '@app/ordering';
import { orderStatusProjection } from '@app/projections/order-status';
import { checkpointOf, createProjectionDb, settled, expectedViews, storedViews, type ProjectionDb } from './support/projection-db';
import { SimulatedOrder } from '@app/harness/simulated-order';

/** A command of the story, its orderId filled in by story(). */
type Step = OrderCommand extends infer C ? (C extends OrderCommand ? Omit<C, 'orderId'> : never) : never;

const ADDRESS = { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' };
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** One order's story: each command decided against the order so far and appended through the store. */
async function story(t: ProjectionDb, orderId: string, commands: Step[]): Promise<void> {
  const order = new SimulatedOrder(orderId);
  let clock = T0;
  for (const command of commands) {
    clock += 3_600_000;
    const expected = order.expected;
    const events = order.decide({ ...command, orderId } as OrderCommand, new Date(clock));
    if (!events) throw new Error(`${orderId}: ${command.type} refused`);
    await t.store.append(`order-${orderId}`, events, expected);
    appended += events.length;
  }
}
let appended = 0;

const place = (lines = [{ lineId: '1', quantity: 2, unitPrice: 4999 }, { lineId: '2', quantity: 1, unitPrice: 2500 }]) => ({
  type: 'PlaceOrder' as const,
  customer: { id: 'c-42', registered: true },
  channel: 'web',
  currency: 'EUR',
  lines: lines.map((l) => ({ ...l, sku: `SKU-${l.lineId}`, name: `Item ${l.lineId}`, category: 'physical' as const })),
  shippingFee: 500,
  payment: { method: 'card' as const, processingFee: 150 },
  shippingAddress: ADDRESS,
});
const TOTAL = 2 * 4999 + 2500 + 500 + 150;
const pay = { type: 'ConfirmPayment' as const, transactionId: 'tx-1', amount: TOTAL };
const ship = { type: 'DispatchShipment' as const, shipmentId: 's-1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: 'T1' };
const deliver = (lineId: string) => ({ type: 'MarkItemDelivered' as const, lineId });
const delivered = [place(), pay, ship, deliver('1'), deliver('2')];
const returnOf = (returnId: string, quantity = 1) =>
  ({ type: 'RequestReturn' as const, returnId, lines: [{ lineId: '1', quantity }], reason: 'defective' as const, resolution: 'refund' as const });
const approve = (returnId: string) => ({ type: 'ApproveReturn' as const, returnId });
const sendBack = (returnId: string) => ({ type: 'DispatchReturn' as const, returnId, carrier: 'La Poste', trackingNumber: 'RT1', shippingCost: 690 });
const receive = (returnId: string, inspection: 'passed' | 'failed') => ({ type: 'ReceiveReturn' as const, returnId, inspection });

describe('order-status projection (runtime + PostgreSQL)', () => {
  let t: ProjectionDb;
  let views: Map<string, OrderView>;

  beforeAll(async () => {
    t = await createProjectionDb('order_status');
    await story(t, 'placed', [place()]);
    await story(t, 'paid', [place(), pay]);
    await story(t, 'shipped', [place(), pay, ship]);
    await story(t, 'delivered', delivered);
    await story(t, 'completed', [...delivered, { type: 'ConfirmReceipt', by: 'buyer' }]);
    await story(t, 'cancelled-unpaid', [place(), { type: 'CancelOrder', reason: 'customer_request', by: 'customer' }]);
    await story(t, 'payment-failed', [place(), { type: 'FailPayment', reason: 'card_declined' }]);
    await story(t, 'cancelled-refunded', [
      place(), pay, { type: 'CancelOrder', reason: 'customer_request', by: 'customer' },
      { type: 'IssueRefund', refundId: 'rf-1', reason: 'cancellation', destination: 'original' },
    ]);
    await story(t, 'partial-refund', [...delivered, returnOf('r-1'), approve('r-1'), sendBack('r-1'), receive('r-1', 'passed'),
      { type: 'IssueRefund', refundId: 'rf-1', reason: 'return', destination: 'original', returnId: 'r-1' }]);
    await story(t, 'return-open', [...delivered, returnOf('r-1'), approve('r-1'), sendBack('r-1')]);
    await story(t, 'return-rejected', [...delivered, returnOf('r-1'), { type: 'RejectReturn', returnId: 'r-1', reason: 'worn' }]);
    await story(t, 'inspection-failed', [...delivered, returnOf('r-1', 2), approve('r-1'), sendBack('r-1'), receive('r-1', 'failed')]);
    await story(t, 'delivery-failed', [place(), pay, ship, deliver('1'), { type: 'MarkItemDeliveryFailed', lineId: '2', reason: 'lost' }]);
    await story(t, 'fully-refunded', [...delivered, returnOf('r-1', 2), approve('r-1'), sendBack('r-1'), receive('r-1', 'passed'),
      { type: 'IssueRefund', refundId: 'rf-1', reason: 'return', destination: 'original', returnId: 'r-1' },
      { type: 'RequestReturn', returnId: 'r-2', lines: [{ lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'refund' },
      approve('r-2'), sendBack('r-2'), receive('r-2', 'passed'),
      { type: 'IssueRefund', refundId: 'rf-2', reason: 'return', destination: 'original', returnId: 'r-2' }]);
    await story(t, 'complaint', [...delivered, { type: 'OpenComplaint', complaintId: 'cmp-1', category: 'delivery', message: 'Late' },
      { type: 'RespondToComplaint', complaintId: 'cmp-1', message: 'Sorry' }]);
    // Not an order stream: not this projection's business, and it must not stop it.
    const other: NewEvent = { eventId: '6f1c1b1e-0000-4000-8000-000000000001', type: 'CustomerRegistered', data: {}, metadata: {} };
    await t.store.append('customer-c-42', [other], 'no_stream');
    await settled(t.store, appended + 1);

    const runtime = t.runtime([orderStatusProjection], { batchSize: 7 });
    runtime.start();
    expect(await runtime.waitForHead(20_000)).toBe(true);
    views = await storedViews(t.pool);
  });

  afterAll(() => t?.close());

  const statusOf = (id: string) => views.get(id)?.status;
  const lineStatuses = (id: string) => views.get(id)?.lines.map((l) => [l.lineId, l.status, l.refundedQuantity]);

  it('shows the order status of each stage', () => {
    expect(statusOf('placed')).toBe('pending_payment');
    expect(lineStatuses('placed')).toEqual([['1', 'pending_payment', 0], ['2', 'pending_payment', 0]]);
    expect(statusOf('paid')).toBe('processing');
    expect(lineStatuses('paid')).toEqual([['1', 'awaiting_shipment', 0], ['2', 'awaiting_shipment', 0]]);
    expect(lineStatuses('shipped')).toEqual([['1', 'shipped', 0], ['2', 'shipped', 0]]);
    expect(statusOf('delivered')).toBe('processing');
    expect(lineStatuses('delivered')).toEqual([['1', 'delivered', 0], ['2', 'delivered', 0]]);
    expect(statusOf('completed')).toBe('completed');
    expect(statusOf('cancelled-unpaid')).toBe('cancelled');
    expect(statusOf('payment-failed')).toBe('cancelled');
    expect(statusOf('cancelled-refunded')).toBe('refunded');
    expect(lineStatuses('delivery-failed')).toEqual([['1', 'delivered', 0], ['2', 'delivery_failed', 0]]);
  });

  it('leaves a partially refunded line where it was, with its refunded quantity', () => {
    expect(statusOf('partial-refund')).toBe('processing');
    expect(lineStatuses('partial-refund')).toEqual([['1', 'delivered', 1], ['2', 'delivered', 0]]);
    expect(views.get('partial-refund')?.returns[0].status).toBe('refunded');
    expect(views.get('partial-refund')?.refunded).toBeGreaterThan(0);
  });

  it('shows an open return on its line, and puts the line back after a rejected or failed return', () => {
    expect(lineStatuses('return-open')).toEqual([['1', 'return_in_transit', 0], ['2', 'delivered', 0]]);
    expect(lineStatuses('return-rejected')).toEqual([['1', 'delivered', 0], ['2', 'delivered', 0]]);
    expect(views.get('return-rejected')?.returns[0].status).toBe('rejected');
    expect(lineStatuses('inspection-failed')).toEqual([['1', 'delivered', 0], ['2', 'delivered', 0]]);
    expect(views.get('inspection-failed')?.returns[0].status).toBe('failed_inspection');
  });

  it('marks an order refunded once every unit is', () => {
    expect(statusOf('fully-refunded')).toBe('refunded');
    expect(lineStatuses('fully-refunded')).toEqual([['1', 'refunded', 2], ['2', 'refunded', 1]]);
  });

  it('shows complaints', () => {
    expect(views.get('complaint')?.complaints).toEqual([{ complaintId: 'cmp-1', status: 'responded', feedback: null, reopenedCount: 0 }]);
  });

  it('stores for every order exactly the view of its whole stream folded', async () => {
    const expected = await expectedViews(t.store);
    expect(expected.size).toBe(15);
    expect(views).toEqual(expected);
    // Same keys in the same order as toOrderView writes them (the column is json, not jsonb).
    for (const [id, view] of expected) expect(JSON.stringify(views.get(id))).toBe(JSON.stringify(view));
  });

  it('checkpoints the last event, other streams included, and shows running', async () => {
    const checkpoint = await checkpointOf(t.pool, 'order-status');
    expect(checkpoint.position).toBe(await t.store.headPosition());
    expect(checkpoint.state).toBe('running');
    expect(Number(checkpoint.events_applied)).toBe(await t.store.countAfter(null));
  });
});
