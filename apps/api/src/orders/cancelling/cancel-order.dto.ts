import type { CancelledBy } from '@app/ordering';
import { HTTP_CANCELLED_BY } from '../shared/domain-values';
import { EnumProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/cancel. */
export class CancelOrderDto {
  @TextProperty({ description: 'Why the order is cancelled', example: 'customer_request', maxLength: 500 })
  reason: string;

  @EnumProperty(HTTP_CANCELLED_BY, { description: 'Who cancels (the system cancels only on its own timer)', example: 'customer', enumName: 'CancelledByOverHttp' })
  by: Exclude<CancelledBy, 'system'>;
}
