import type { ReturnReason, ReturnResolution } from '@app/ordering';
import { RETURN_REASONS, RETURN_RESOLUTIONS } from '../shared/domain-values';
import { EnumProperty, IdProperty, NestedListProperty, TextProperty } from '../shared/fields';
import { LineQuantityDto } from '../shared/line-quantity.dto';

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

  @TextProperty({ description: "The customer's words", example: 'Two keys do not respond', maxLength: 2000, required: false })
  note?: string;
}
