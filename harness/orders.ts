import type { Pool } from 'pg';
import type { Response } from 'supertest';
import type { TestApp } from './in-process-app';

let sequence = 0;
export const uniqueId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(sequence += 1)}`;

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: uniqueId('o'),
    customer: { id: uniqueId('c'), email: 'ana@example.com', name: 'Ana', registered: true },
    channel: 'web',
    currency: 'EUR',
    lines: [
      { lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' },
      { lineId: '2', sku: 'MS-01', name: 'Mouse', quantity: 1, unitPrice: 2500, category: 'physical' },
    ],
    shippingFee: 500,
    payment: { method: 'card', processingFee: 150 },
    shippingAddress: { name: 'Ana', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
    ...overrides,
  };
}

/** goodsTotal 12498 + shipping 500 + fee 150 for the default body. */
export const DEFAULT_TOTAL = 2 * 4999 + 2500 + 500 + 150;

export async function streamLength(pool: Pool, orderId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE stream_id = $1', [`order-${orderId}`]);
  return Number(rows[0].n);
}

/** Small driver over the real HTTP API, with the service token. */
export function ordersApi(t: TestApp) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.http.post(path).set(t.as('service')).set(headers).send(body as object);
  return {
    post,
    place: (body = orderBody(), headers?: Record<string, string>) => post('/orders', body, headers),
    pay: (orderId: string, amount = DEFAULT_TOTAL) => post(`/orders/${orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount }),
    ship: (orderId: string, lineIds: string[], shipmentId = uniqueId('s')) =>
      post(`/orders/${orderId}/shipments`, { shipmentId, lineIds, carrier: 'UPS', trackingNumber: uniqueId('trk') }),
    deliver: (orderId: string, lineId: string, deliveredAt?: string) =>
      post(`/orders/${orderId}/lines/${lineId}/delivered`, deliveredAt ? { deliveredAt } : {}),
    /** Placed, paid, shipped and delivered: ready for returns. */
    async delivered(body = orderBody()) {
      const orderId = String(body.orderId);
      const lineIds = (body.lines as Array<{ lineId: string }>).map((l) => l.lineId);
      await expectOk(post('/orders', body), 201);
      const total = (body.lines as Array<{ quantity: number; unitPrice: number }>).reduce((s, l) => s + l.quantity * l.unitPrice, 0)
        + Number(body.shippingFee) + Number((body.payment as { processingFee: number }).processingFee);
      await expectOk(post(`/orders/${orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount: total }));
      await expectOk(post(`/orders/${orderId}/shipments`, { shipmentId: uniqueId('s'), lineIds, carrier: 'UPS', trackingNumber: 'T1' }));
      for (const lineId of lineIds) await expectOk(post(`/orders/${orderId}/lines/${lineId}/delivered`, {}));
      return orderId;
    },
  };
}

export async function expectOk(pending: PromiseLike<Response>, status = 200): Promise<Response> {
  const response = await pending;
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}
