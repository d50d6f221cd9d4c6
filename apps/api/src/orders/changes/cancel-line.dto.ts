import type { CancelLine } from '@app/ordering';
import { HTTP_LINE_CANCEL_REASONS } from '../shared/domain-values';
import { EnumProperty, QuantityProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/lines/{lineId}/cancel. */
export class CancelLineDto {
  @QuantityProperty({ description: 'Units to cancel; defaults to every unit not shipped nor cancelled yet', example: 1, required: false })
  quantity?: number;

  @EnumProperty(HTTP_LINE_CANCEL_REASONS, {
    description: 'customer_request is cancelled by the customer; out_of_stock and cannot_fulfil by the merchant (and alert staff)',
    example: 'out_of_stock',
    enumName: 'LineCancelReason',
  })
  reason: CancelLine['reason'];
}
