/**
 * Orders in every line status, and refunds to every kind of destination, placed through the
 * real API; each with the tracking link POST /orders answered. Shared by the API and browser suites.
 */
import { expectOk, orderBody, ordersApi, uniqueId, type TestApp } from '@app/harness';

/** Personal values distinctive enough that finding any of them in a page is a leak, not a coincidence. */
export const PERSONAL = { email: 'zelda.quux@example.org', name: 'Zelda Quux', street: '17 Rue Zéphyr-Quintal', city: 'Quimperlé-Xyz', postalCode: '29399' };

export interface TrackedScenario {
  orderId: string;
  trackingUrl: string;
  body: Record<string, unknown>;
  /** The line statuses the page must show, by lineId. */
  lines: Record<string, string>;
  status: string;
  /** Refund destinations the page must explain, in order. */
  refunds: string[];
}

const line = (lineId: string, name: string, unitPrice = 1000) => ({ lineId, sku: `SKU-${lineId}`, name, quantity: 1, unitPrice, category: 'physical' });

export function trackedBody(overrides: Record<string, unknown> = {}, locale?: string): Record<string, unknown> {
  return orderBody({
    customer: { id: uniqueId('c'), email: PERSONAL.email, name: PERSONAL.name, registered: true, ...(locale ? { locale } : {}) },
    shippingAddress: { name: PERSONAL.name, line1: PERSONAL.street, city: PERSONAL.city, postalCode: PERSONAL.postalCode, country: 'FR' },
    ...overrides,
  });
}

export async function placeTracked(t: TestApp, body: Record<string, unknown>): Promise<{ orderId: string; trackingUrl: string; position: string }> {
  const placed = await expectOk(ordersApi(t).place(body), 201);
  return { orderId: placed.body.orderId, trackingUrl: placed.body.trackingUrl, position: placed.body.position };
}

/** Waits until the order-status read model holds everything written so far for the order. */
export async function projected(t: TestApp, orderId: string, position: string): Promise<void> {
  await expectOk(t.http.get(`/orders/${orderId}?minPosition=${position}`).set(t.as('service')));
}

/** Every line status (15) across six orders, and refunds to the wallet, a card and PayPal. */
export async function everyStatusScenario(t: TestApp, locale?: string): Promise<TrackedScenario[]> {
  const api = ordersApi(t);
  const ok = (path: string, body: unknown) => expectOk(api.post(path, body));
  const scenarios: TrackedScenario[] = [];
  let last = '';
  const track = (r: { body: { position: string } }) => { last = r.body.position; };

  // Unpaid: both lines and the order await payment.
  const unpaidBody = trackedBody({}, locale);
  const unpaid = await placeTracked(t, unpaidBody);
  last = unpaid.position;
  scenarios.push({ ...unpaid, body: unpaidBody, lines: { 1: 'pending_payment', 2: 'pending_payment' }, status: 'pending_payment', refunds: [] });

  // Paid, one line shipped, one being prepared, one delivered, one failed delivery.
  const fulfilBody = trackedBody({ lines: [line('1', 'Lamp'), line('2', 'Chair'), line('3', 'Desk'), line('4', 'Rug')], shippingFee: 0, payment: { method: 'card', processingFee: 0 } }, locale);
  const fulfil = await placeTracked(t, fulfilBody);
  await ok(`/orders/${fulfil.orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount: 4000 });
  await ok(`/orders/${fulfil.orderId}/shipments`, { shipmentId: uniqueId('s'), lineIds: ['1', '3', '4'], carrier: 'Colissimo', trackingNumber: 'CP123456789FR' });
  await ok(`/orders/${fulfil.orderId}/lines/3/delivered`, {});
  track(await ok(`/orders/${fulfil.orderId}/lines/4/delivery-failed`, { reason: 'lost' }));
  scenarios.push({ ...fulfil, body: fulfilBody, lines: { 1: 'shipped', 2: 'awaiting_shipment', 3: 'delivered', 4: 'delivery_failed' }, status: 'processing', refunds: [] });

  // Delivered, then receipt and every stage of a return; the received one refunded to the store wallet.
  const names = ['Mug', 'Plate', 'Bowl', 'Cup', 'Jug', 'Vase'];
  const returnsBody = trackedBody({ lines: names.map((name, i) => line(String(i + 1), name)), shippingFee: 0, payment: { method: 'card', processingFee: 0 } }, locale);
  const returns = await placeTracked(t, returnsBody);
  const o = returns.orderId;
  await ok(`/orders/${o}/payment/confirm`, { transactionId: uniqueId('t'), amount: 6000 });
  await ok(`/orders/${o}/shipments`, { shipmentId: uniqueId('s'), lineIds: ['1', '2', '3', '4', '5', '6'], carrier: 'UPS', trackingNumber: '1Z999' });
  for (const id of ['1', '2', '3', '4', '5', '6']) await ok(`/orders/${o}/lines/${id}/delivered`, {});
  await ok(`/orders/${o}/receipt`, { lineIds: ['1'] });
  const returnOf = (returnId: string, lineId: string) => ok(`/orders/${o}/returns`, { returnId, lines: [{ lineId, quantity: 1 }], reason: 'defective', resolution: 'refund' });
  await returnOf('r-2', '2');
  await returnOf('r-3', '3');
  await ok(`/orders/${o}/returns/r-3/approve`, {});
  await returnOf('r-4', '4');
  await ok(`/orders/${o}/returns/r-4/approve`, {});
  await ok(`/orders/${o}/returns/r-4/dispatch`, { carrier: 'UPS', trackingNumber: 'RET4', shippingCost: 0 });
  for (const returnId of ['r-5', 'r-6']) {
    await returnOf(returnId, returnId.slice(2));
    await ok(`/orders/${o}/returns/${returnId}/approve`, {});
    await ok(`/orders/${o}/returns/${returnId}/dispatch`, { carrier: 'UPS', trackingNumber: `RET${returnId}`, shippingCost: 0 });
    await ok(`/orders/${o}/returns/${returnId}/receive`, { inspection: 'passed' });
  }
  track(await ok(`/orders/${o}/refunds`, { refundId: 'rf-wallet', reason: 'return', returnId: 'r-6', destination: 'wallet' }));
  scenarios.push({
    ...returns, body: returnsBody,
    lines: { 1: 'completed', 2: 'return_requested', 3: 'return_approved', 4: 'return_in_transit', 5: 'return_received', 6: 'refunded' },
    status: 'processing', refunds: ['wallet'],
  });

  // After-sales: one item being repaired, one exchanged for a dearer product whose difference is
  // not paid yet, one exchanged for a product of the same price that is on its way.
  const afterBody = trackedBody({ lines: [line('1', 'Kettle'), line('2', 'Toaster'), line('3', 'Blender')], shippingFee: 0, payment: { method: 'card', processingFee: 0 } }, locale);
  const after = await placeTracked(t, afterBody);
  const a = after.orderId;
  await ok(`/orders/${a}/payment/confirm`, { transactionId: uniqueId('t'), amount: 3000 });
  await ok(`/orders/${a}/shipments`, { shipmentId: uniqueId('s'), lineIds: ['1', '2', '3'], carrier: 'UPS', trackingNumber: '1Z998' });
  for (const id of ['1', '2', '3']) await ok(`/orders/${a}/lines/${id}/delivered`, {});
  const received = async (returnId: string, lineId: string, more: object) => {
    await ok(`/orders/${a}/returns`, { returnId, lines: [{ lineId, quantity: 1 }], reason: 'defective', ...more });
    await ok(`/orders/${a}/returns/${returnId}/approve`, {});
    await ok(`/orders/${a}/returns/${returnId}/dispatch`, { carrier: 'UPS', trackingNumber: `RET${returnId}`, shippingCost: 0 });
    await ok(`/orders/${a}/returns/${returnId}/receive`, { inspection: 'passed' });
  };
  await received('r-1', '1', { resolution: 'repair' });
  await received('r-2', '2', { resolution: 'exchange', exchangeFor: [line('4', 'Grill', 1500)] });
  await received('r-3', '3', { resolution: 'exchange', exchangeFor: [line('5', 'Mixer')] });
  track(await ok(`/orders/${a}/replacements`, { shipmentId: uniqueId('s'), lineIds: ['5'], carrier: 'UPS', trackingNumber: '1Z997', returnId: 'r-3' }));
  scenarios.push({
    ...after, body: afterBody,
    lines: { 1: 'repair_in_progress', 2: 'return_received', 3: 'exchanged', 4: 'exchange_pending_payment', 5: 'shipped' },
    status: 'processing', refunds: [],
  });

  // Cancelled before payment: nothing to refund.
  const cancelBody = trackedBody({}, locale);
  const cancelled = await placeTracked(t, cancelBody);
  track(await ok(`/orders/${cancelled.orderId}/cancel`, { reason: 'customer_request', by: 'customer' }));
  scenarios.push({ ...cancelled, body: cancelBody, lines: { 1: 'cancelled', 2: 'cancelled' }, status: 'cancelled', refunds: [] });

  // Paid by PayPal and by card, cancelled, refunded to where the money came from.
  for (const method of ['paypal', 'card']) {
    const body = trackedBody({ lines: [line('1', 'Book', 2000)], shippingFee: 0, payment: { method, processingFee: 100 } }, locale);
    const order = await placeTracked(t, body);
    await ok(`/orders/${order.orderId}/payment/confirm`, { transactionId: uniqueId('t'), amount: 2100 });
    await ok(`/orders/${order.orderId}/cancel`, { reason: 'customer_request', by: 'customer' });
    track(await ok(`/orders/${order.orderId}/refunds`, { refundId: `rf-${method}`, reason: 'cancellation', destination: 'original' }));
    scenarios.push({ ...order, body, lines: { 1: 'refunded' }, status: 'refunded', refunds: [method] });
  }
  for (const s of scenarios) await projected(t, s.orderId, last);
  return scenarios;
}

export const tokenOf = (trackingUrl: string) => trackingUrl.split('/track/')[1];
export const pathOf = (trackingUrl: string) => `/track/${tokenOf(trackingUrl)}`;
