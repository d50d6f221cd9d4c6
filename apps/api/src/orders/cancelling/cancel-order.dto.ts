import type { CancelledBy } from '@app/ordering';
import { HTTP_CANCELLED_BY } from '../shared/domain-values';
import { IsNotIn } from 'class-validator';
import { EnumProperty, TextProperty } from '../shared/fields';

/** Reasons only the system gives (payment failure, payment timeout): finance reports rely on them. */
const SYSTEM_REASONS = ['payment_failed', 'payment_timeout'];

/** Body of POST /orders/{orderId}/cancel. */
export class CancelOrderDto {
  @TextProperty({ description: 'Why the order is cancelled (payment_failed and payment_timeout are the system\'s own)', example: 'customer_request', maxLength: 500 })
  @IsNotIn(SYSTEM_REASONS, { message: 'reason payment_failed and payment_timeout are given only by the system' })
  reason: string;

  @EnumProperty(HTTP_CANCELLED_BY, { description: 'Who cancels (the system cancels only on its own timer)', example: 'customer', enumName: 'CancelledByOverHttp' })
  by: Exclude<CancelledBy, 'system'>;
}
