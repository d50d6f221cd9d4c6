import { LineIdListProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/receipt. */
export class ConfirmReceiptDto {
  @LineIdListProperty({ description: 'Delivered lines received; absent: every delivered, unconfirmed line', example: ['1'], required: false })
  lineIds?: string[];
}
