import { TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/returns/{returnId}/reject. */
export class RejectReturnDto {
  @TextProperty({ description: 'Why the return is refused', example: 'outside the return window', maxLength: 500 })
  reason: string;
}
