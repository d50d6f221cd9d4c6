import type { RefundDestination, RefundReason } from '@app/ordering';
import { REFUND_DESTINATIONS, REFUND_REASONS } from '../shared/domain-values';
import { EnumProperty, IdProperty, MoneyProperty, NestedListProperty } from '../shared/fields';
import { LineQuantityDto } from '../shared/line-quantity.dto';

/** Body of POST /orders/{orderId}/refunds. The server computes every amount but the goodwill one. */
export class IssueRefundDto {
  @IdProperty({ description: 'Id of the new refund', example: 'rf-1' })
  refundId: string;

  @EnumProperty(REFUND_REASONS, { description: 'What the refund is for', example: 'return', enumName: 'RefundReason' })
  reason: RefundReason;

  @EnumProperty(REFUND_DESTINATIONS, { description: 'original: the payment method; wallet: store credit (registered customers only)', example: 'original', enumName: 'RefundDestination' })
  destination: RefundDestination;

  @IdProperty({ description: 'The received, passed return refunded (reason return), or the exchange for another product whose difference is refunded (reason exchange)', example: 'r-1', required: false })
  returnId?: string;

  @IdProperty({ description: 'The edit whose difference is refunded (reason edit)', example: 'e-1', required: false })
  editId?: string;

  @NestedListProperty(() => LineQuantityDto, {
    description: 'Lines refunded, each line once (reasons delivery_failed and cancellation; defaults to what the reason implies)',
    example: [{ lineId: '1', quantity: 1 }],
    uniqueBy: (line) => line.lineId,
    required: false,
  })
  lines?: LineQuantityDto[];

  @MoneyProperty({ description: 'Goodwill amount in minor units, at most what is still refundable of the goods (reason goodwill only)', example: 500, minimum: 1, required: false })
  amount?: number;
}
