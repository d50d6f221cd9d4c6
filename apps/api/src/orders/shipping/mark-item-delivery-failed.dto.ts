import type { DeliveryFailureReason } from '@app/ordering';
import { DELIVERY_FAILURE_REASONS } from '../shared/domain-values';
import { EnumProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/lines/{lineId}/delivery-failed. */
export class MarkItemDeliveryFailedDto {
  @EnumProperty(DELIVERY_FAILURE_REASONS, { description: 'Why the delivery failed', example: 'lost', enumName: 'DeliveryFailureReason' })
  reason: DeliveryFailureReason;
}
