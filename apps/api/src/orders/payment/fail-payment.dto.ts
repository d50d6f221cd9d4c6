import { TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/payment/fail. */
export class FailPaymentDto {
  @TextProperty({ description: "Why the payment failed, as the provider says", example: 'card_declined', maxLength: 500 })
  reason: string;
}
