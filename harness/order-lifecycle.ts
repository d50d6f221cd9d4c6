/**
 * Random but plausible order lifecycles, chosen from what an order looks like (its OrderView),
 * so the same chooser drives the HTTP API (reading GET /orders/{id}) and the in-memory simulator
 * behind the benchmark. Deterministic for a seed. A choice the domain refuses is just skipped.
 */
import type {
  Category, OrderCommand, OrderView, PaymentMethod, PlaceOrder, ReturnReason,
} from '@app/ordering';

export type Rng = () => number;

/** mulberry32: small, fast, good enough to pick test cases. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

const SKUS = [
  { sku: 'KB-01', name: 'Keyboard', unitPrice: 4999, category: 'physical' },
  { sku: 'MS-01', name: 'Mouse', unitPrice: 2500, category: 'physical' },
  { sku: 'MN-27', name: 'Monitor 27"', unitPrice: 28900, category: 'physical' },
  { sku: 'CB-USB', name: 'USB-C cable', unitPrice: 1299, category: 'physical' },
  { sku: 'SW-OFF', name: 'Office licence', unitPrice: 9900, category: 'digital' },
  { sku: 'TS-CUS', name: 'Custom T-shirt', unitPrice: 2400, category: 'custom' },
] as const satisfies ReadonlyArray<{ sku: string; name: string; unitPrice: number; category: Category }>;
const METHODS: readonly PaymentMethod[] = ['card', 'card', 'card', 'debit', 'gpay', 'paypal', 'wallet', 'bank_transfer'];

export function placeOrderCommand(rng: Rng, orderId: string, customerId = `c-${between(rng, 1, 500)}`): PlaceOrder {
  const count = between(rng, 1, 3);
  const chosen = [...SKUS].sort(() => rng() - 0.5).slice(0, count);
  const method = pick(rng, METHODS);
  return {
    type: 'PlaceOrder',
    orderId,
    customer: { id: customerId, email: `${customerId}@example.com`, name: `Customer ${customerId}`, registered: rng() < 0.7 },
    channel: pick(rng, ['web', 'web', 'app', 'marketplace']),
    currency: pick(rng, ['EUR', 'EUR', 'EUR', 'USD', 'GBP']),
    lines: chosen.map((s, i) => ({ lineId: String(i + 1), sku: s.sku, name: s.name, quantity: between(rng, 1, 3), unitPrice: s.unitPrice, category: s.category })),
    shippingFee: pick(rng, [0, 490, 500, 990]),
    payment: { method, processingFee: method === 'wallet' ? 0 : pick(rng, [0, 150, 250]) },
    shippingAddress: { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
  };
}

const RETURN_REASONS: readonly ReturnReason[] = ['no_reason', 'defective', 'damaged_in_transit', 'wrong_item', 'not_as_described'];

/**
 * The next thing that plausibly happens to this order, or null when its story is over. `id`
 * makes fresh ids (shipments, returns, refunds, complaints) unique within the order.
 */
export function nextCommand(view: OrderView, rng: Rng, id: (prefix: string) => string): OrderCommand | null {
  const orderId = view.orderId;
  if (view.status === 'pending_payment') {
    const r = rng();
    if (r < 0.85) return { type: 'ConfirmPayment', orderId, transactionId: id('tx'), amount: view.total };
    if (r < 0.93) return { type: 'CancelOrder', orderId, reason: 'customer_request', by: 'customer' };
    return { type: 'FailPayment', orderId, reason: 'card_declined' };
  }
  if (view.status === 'cancelled') {
    const owed = view.paid > 0 && !view.refunds.some((r) => r.reason === 'cancellation');
    return owed ? { type: 'IssueRefund', orderId, refundId: id('rf'), reason: 'cancellation', destination: 'original' } : null;
  }
  const options: Array<() => OrderCommand> = [];
  const lines = view.lines;
  const awaiting = lines.filter((l) => l.status === 'awaiting_shipment').map((l) => l.lineId);
  if (awaiting.length) {
    options.push(() => ({ type: 'DispatchShipment', orderId, shipmentId: id('s'), lineIds: awaiting, carrier: 'UPS', trackingNumber: id('trk') }));
  }
  for (const line of lines) {
    if (line.status === 'shipped') {
      options.push(() => rng() < 0.9
        ? { type: 'MarkItemDelivered', orderId, lineId: line.lineId }
        : { type: 'MarkItemDeliveryFailed', orderId, lineId: line.lineId, reason: pick(rng, ['lost', 'damaged', 'refused'] as const) });
    }
    if (line.status === 'delivery_failed') {
      options.push(() => rng() < 0.5
        ? { type: 'ShipReplacement', orderId, shipmentId: id('s'), lineIds: [line.lineId], carrier: 'DHL', trackingNumber: id('trk') }
        : { type: 'IssueRefund', orderId, refundId: id('rf'), reason: 'delivery_failed', destination: 'original', lines: [{ lineId: line.lineId, quantity: line.quantity - line.refundedQuantity }] });
    }
    if (line.status === 'delivered') {
      options.push(() => ({ type: 'ConfirmReceipt', orderId, lineIds: [line.lineId], by: 'buyer' }));
      const returnable = line.quantity - line.refundedQuantity;
      if (returnable > 0) {
        options.push(() => ({
          type: 'RequestReturn', orderId, returnId: id('r'), lines: [{ lineId: line.lineId, quantity: between(rng, 1, returnable) }],
          reason: pick(rng, RETURN_REASONS), resolution: rng() < 0.75 ? 'refund' : 'exchange',
        }));
      }
    }
  }
  for (const ret of view.returns) {
    if (ret.status === 'requested') {
      options.push(() => rng() < 0.8
        ? { type: 'ApproveReturn', orderId, returnId: ret.returnId }
        : { type: 'RejectReturn', orderId, returnId: ret.returnId, reason: 'outside policy' });
    }
    if (ret.status === 'approved') {
      options.push(() => ({ type: 'DispatchReturn', orderId, returnId: ret.returnId, carrier: 'La Poste', trackingNumber: id('rt'), shippingCost: pick(rng, [0, 490, 690]) }));
    }
    if (ret.status === 'in_transit') {
      options.push(() => ({ type: 'ReceiveReturn', orderId, returnId: ret.returnId, inspection: rng() < 0.85 ? 'passed' : 'failed' }));
    }
    if (ret.status === 'received') {
      options.push(() => ret.resolution === 'refund'
        ? { type: 'IssueRefund', orderId, refundId: id('rf'), reason: 'return', destination: rng() < 0.85 ? 'original' : 'wallet', returnId: ret.returnId }
        : { type: 'ShipReplacement', orderId, shipmentId: id('s'), lineIds: ret.lines.map((l) => l.lineId), carrier: 'DHL', trackingNumber: id('trk'), returnId: ret.returnId });
    }
  }
  for (const complaint of view.complaints) {
    if (complaint.status === 'open') options.push(() => ({ type: 'RespondToComplaint', orderId, complaintId: complaint.complaintId, message: 'Sorry about that.' }));
    if (complaint.status === 'responded') options.push(() => ({ type: 'ResolveComplaint', orderId, complaintId: complaint.complaintId, resolution: 'voucher sent' }));
  }
  if (view.paid > 0 && rng() < 0.08) {
    options.push(() => ({ type: 'OpenComplaint', orderId, complaintId: id('cmp'), category: pick(rng, ['delivery', 'quality', 'service'] as const), message: 'Not happy' }));
  }
  const goodsLeft = view.goodsTotal - view.refunds.reduce((s, r) => s + r.total, 0);
  if (view.paid > 0 && goodsLeft > 100 && rng() < 0.05) {
    options.push(() => ({ type: 'IssueRefund', orderId, refundId: id('rf'), reason: 'goodwill', destination: 'original', amount: between(rng, 1, 100) }));
  }
  return options.length ? pick(rng, options)() : null;
}

/** The HTTP request that sends a command (docs/http-api.md "Writes"). */
export function commandToHttp(command: OrderCommand): { path: string; body: Record<string, unknown> } {
  const o = `/orders/${command.orderId}`;
  switch (command.type) {
    case 'PlaceOrder': {
      const { type: _type, ...body } = command;
      return { path: '/orders', body };
    }
    case 'ConfirmPayment': return { path: `${o}/payment/confirm`, body: { transactionId: command.transactionId, amount: command.amount } };
    case 'FailPayment': return { path: `${o}/payment/fail`, body: { reason: command.reason } };
    case 'CancelOrder': return { path: `${o}/cancel`, body: { reason: command.reason, by: command.by } };
    case 'DispatchShipment': return { path: `${o}/shipments`, body: { shipmentId: command.shipmentId, lineIds: command.lineIds, carrier: command.carrier, trackingNumber: command.trackingNumber } };
    case 'MarkItemDelivered': return { path: `${o}/lines/${command.lineId}/delivered`, body: command.deliveredAt ? { deliveredAt: command.deliveredAt } : {} };
    case 'MarkItemDeliveryFailed': return { path: `${o}/lines/${command.lineId}/delivery-failed`, body: { reason: command.reason } };
    case 'ShipReplacement': return {
      path: `${o}/replacements`,
      body: { shipmentId: command.shipmentId, lineIds: command.lineIds, carrier: command.carrier, trackingNumber: command.trackingNumber, ...(command.returnId ? { returnId: command.returnId } : {}) },
    };
    case 'ConfirmReceipt': return { path: `${o}/receipt`, body: command.lineIds ? { lineIds: command.lineIds } : {} };
    case 'RequestReturn': return { path: `${o}/returns`, body: { returnId: command.returnId, lines: command.lines, reason: command.reason, resolution: command.resolution } };
    case 'ApproveReturn': return { path: `${o}/returns/${command.returnId}/approve`, body: {} };
    case 'RejectReturn': return { path: `${o}/returns/${command.returnId}/reject`, body: { reason: command.reason } };
    case 'DispatchReturn': return { path: `${o}/returns/${command.returnId}/dispatch`, body: { carrier: command.carrier, trackingNumber: command.trackingNumber, shippingCost: command.shippingCost } };
    case 'ReceiveReturn': return { path: `${o}/returns/${command.returnId}/receive`, body: { inspection: command.inspection } };
    case 'CompleteRepair': return {
      path: `${o}/returns/${command.returnId}/repaired`,
      body: { shipmentId: command.shipmentId, carrier: command.carrier, trackingNumber: command.trackingNumber },
    };
    case 'IssueRefund': return {
      path: `${o}/refunds`,
      body: {
        refundId: command.refundId, reason: command.reason, destination: command.destination,
        ...(command.returnId ? { returnId: command.returnId } : {}), ...(command.editId ? { editId: command.editId } : {}),
        ...(command.lines ? { lines: command.lines } : {}),
        ...(command.amount !== undefined ? { amount: command.amount } : {}),
      },
    };
    case 'OpenComplaint': return { path: `${o}/complaints`, body: { complaintId: command.complaintId, category: command.category, message: command.message } };
    case 'RespondToComplaint': return { path: `${o}/complaints/${command.complaintId}/respond`, body: { message: command.message } };
    case 'ResolveComplaint': return { path: `${o}/complaints/${command.complaintId}/resolve`, body: { resolution: command.resolution } };
    case 'GiveComplaintFeedback': return {
      path: `${o}/complaints/${command.complaintId}/feedback`,
      body: { satisfied: command.satisfied, ...(command.comment !== undefined ? { comment: command.comment } : {}) },
    };
    case 'CancelLine': return {
      path: `${o}/lines/${command.lineId}/cancel`,
      body: { reason: command.reason, ...(command.quantity !== undefined ? { quantity: command.quantity } : {}) },
    };
    case 'EditOrder': return { path: `${o}/edits`, body: { editId: command.editId, changes: command.changes } };
    case 'LapseBalance': throw new Error('LapseBalance is the SLA scheduler\'s: it has no HTTP route');
  }
}
