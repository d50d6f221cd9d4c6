import { IdProperty, MoneyProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/payment/confirm. */
export class ConfirmPaymentDto {
  @IdProperty({ description: "The payment provider's transaction id", example: 'tx-8f3a2c' })
  transactionId: string;

  @MoneyProperty({ description: 'Amount captured, in minor units; must equal the order total, or on a paid order the balance an edit left', example: 10648 })
  amount: number;
}
