import type { PlaceOrder } from '@app/ordering';
import type { DistinctCustomer } from './personal-data';

/** The PlaceOrder a pre-encryption client sent for this customer (one physical line). */
export function placeOrderCommandFor(orderId: string, c: DistinctCustomer): PlaceOrder {
  return {
    type: 'PlaceOrder',
    orderId,
    customer: c.customer,
    channel: 'web',
    currency: 'EUR',
    lines: [{ lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 1, unitPrice: 4999, category: 'physical' }],
    shippingFee: 500,
    payment: { method: 'card', processingFee: 150 },
    shippingAddress: c.shippingAddress,
  };
}
