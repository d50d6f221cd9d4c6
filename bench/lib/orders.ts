/** Request bodies for the drivers: a realistic PlaceOrder (2 lines, card) and the lifecycle that follows it. */
import { randomBytes } from 'node:crypto';

/** A short run id so order ids of two runs against one database never collide. */
export const runId = (): string => randomBytes(3).toString('hex');

export function placeOrderBody(orderId: string, n: number): Record<string, unknown> {
  const customer = `c-${n % 5000}`;
  return {
    orderId,
    customer: { id: customer, email: `${customer}@example.com`, name: `Customer ${customer}`, registered: n % 3 !== 0 },
    channel: n % 4 === 0 ? 'app' : 'web',
    currency: 'EUR',
    lines: [
      { lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 1 + (n % 3), unitPrice: 4999, category: 'physical' },
      { lineId: '2', sku: 'MS-01', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical' },
    ],
    shippingFee: 500,
    payment: { method: 'card', processingFee: 150 },
    shippingAddress: { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
  };
}

/** The body as a template string with the order id (and customer) spliced in: cheap for the load generator. */
export function placeOrderTemplate(): (orderId: string, n: number) => string {
  const marker = 'ORDERIDMARKER';
  const text = JSON.stringify(placeOrderBody(marker, 0));
  const [head, tail] = text.split(marker);
  return (orderId, n) => {
    const body = `${head}${orderId}${tail}`;
    return n % 5000 === 0 ? body : body.replaceAll('c-0', `c-${n % 5000}`);
  };
}

export interface Step {
  name: string;
  path: string;
  body: Record<string, unknown>;
}

/**
 * The mixed lifecycle of one order, in order: place, pay, ship, deliver (each line), return,
 * approve, dispatch, receive, refund. Amounts follow the placed order (total 15,148).
 */
export function lifecycle(orderId: string, n: number): Step[] {
  const placed = placeOrderBody(orderId, n);
  const lines = placed.lines as Array<{ quantity: number; unitPrice: number }>;
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) + 500 + 150;
  const o = `/orders/${orderId}`;
  return [
    { name: 'place', path: '/orders', body: placed },
    { name: 'pay', path: `${o}/payment/confirm`, body: { transactionId: `tx-${orderId}`, amount: total } },
    { name: 'ship', path: `${o}/shipments`, body: { shipmentId: 's1', lineIds: ['1', '2'], carrier: 'UPS', trackingNumber: `trk-${orderId}` } },
    { name: 'deliver', path: `${o}/lines/1/delivered`, body: {} },
    { name: 'deliver', path: `${o}/lines/2/delivered`, body: {} },
    { name: 'return', path: `${o}/returns`, body: { returnId: 'r1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund' } },
    { name: 'approve', path: `${o}/returns/r1/approve`, body: {} },
    { name: 'dispatch', path: `${o}/returns/r1/dispatch`, body: { carrier: 'La Poste', trackingNumber: `rt-${orderId}`, shippingCost: 490 } },
    { name: 'receive', path: `${o}/returns/r1/receive`, body: { inspection: 'passed' } },
    { name: 'refund', path: `${o}/refunds`, body: { refundId: 'rf1', reason: 'return', destination: 'original', returnId: 'r1' } },
  ];
}
