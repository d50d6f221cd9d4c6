import type { PlaceOrder } from '@app/ordering';
import { withoutAbsent } from '../shared/without-absent';
import type { PlaceOrderDto } from './place-order.dto';

/** Copies the validated body into a plain PlaceOrder command (no DTO instances, no absent keys). */
export function toPlaceOrder(orderId: string, body: PlaceOrderDto): PlaceOrder {
  const { customer, payment, shippingAddress: address } = body;
  return withoutAbsent({
    type: 'PlaceOrder',
    orderId,
    customer: withoutAbsent({ id: customer.id, email: customer.email, name: customer.name, registered: customer.registered, locale: customer.locale }),
    channel: body.channel,
    currency: body.currency,
    lines: body.lines.map((line) => withoutAbsent({
      lineId: line.lineId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      category: line.category,
    })),
    shippingFee: body.shippingFee,
    payment: { method: payment.method, processingFee: payment.processingFee },
    shippingAddress: address && withoutAbsent({
      name: address.name,
      line1: address.line1,
      line2: address.line2,
      city: address.city,
      postalCode: address.postalCode,
      region: address.region,
      country: address.country,
    }),
  });
}
