import type { ReturnReason, ReturnResolution } from '@app/ordering';
import { RETURN_REASONS, RETURN_RESOLUTIONS } from '../shared/domain-values';
import { EnumProperty, IdProperty, NestedListProperty, TextProperty } from '../shared/fields';
import { LineQuantityDto } from '../shared/line-quantity.dto';
import { EditLineDto } from '../changes/edit-order.dto';

/** Body of POST /orders/{orderId}/returns. */
export class RequestReturnDto {
  @IdProperty({ description: 'Id of the new return', example: 'r-1' })
  returnId: string;

  @NestedListProperty(() => LineQuantityDto, {
    description: 'Delivered lines (or part of their quantity) to return, each line once',
    example: [{ lineId: '1', quantity: 1 }],
    uniqueBy: (line) => line.lineId,
  })
  lines: LineQuantityDto[];

  @EnumProperty(RETURN_REASONS, { description: 'Why; decides the return window and who is at fault', example: 'defective', enumName: 'ReturnReason' })
  reason: ReturnReason;

  @EnumProperty(RETURN_RESOLUTIONS, { description: 'What the customer wishes', example: 'refund', enumName: 'ReturnResolution' })
  resolution: ReturnResolution;

  @NestedListProperty(() => EditLineDto, {
    description: 'Resolution exchange only: another product instead, new lines priced in the order currency (lineIds new to the order). '
      + 'When the return passes inspection the difference is settled: dearer, a balance to pay before the replacement ships; cheaper, a refund (reason exchange)',
    example: [{ lineId: '3', sku: 'TB-01', name: 'Trackball', quantity: 1, unitPrice: 3500, category: 'physical' }],
    uniqueBy: (line) => line.lineId,
    required: false,
  })
  exchangeFor?: EditLineDto[];

  @TextProperty({ description: "The customer's words", example: 'Two keys do not respond', maxLength: 2000, required: false })
  note?: string;
}
