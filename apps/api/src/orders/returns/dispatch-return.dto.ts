import { MoneyProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/returns/{returnId}/dispatch. */
export class DispatchReturnDto {
  @TextProperty({ description: 'Carrier the customer sent the return with', example: 'La Poste', maxLength: 100 })
  carrier: string;

  @TextProperty({ description: "The carrier's tracking number", example: '6A12345678901', maxLength: 100 })
  trackingNumber: string;

  @MoneyProperty({ description: 'What sending it cost the customer, in minor units (refunded when the merchant is at fault)', example: 690 })
  shippingCost: number;
}
