import type { Inspection } from '@app/ordering';
import { INSPECTIONS } from '../shared/domain-values';
import { EnumProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/returns/{returnId}/receive. */
export class ReceiveReturnDto {
  @EnumProperty(INSPECTIONS, { description: 'Outcome of the inspection; failed closes the return without money', example: 'passed', enumName: 'Inspection' })
  inspection: Inspection;

  @TextProperty({ description: "The inspector's note", example: 'Item intact, original packaging', maxLength: 2000, required: false })
  note?: string;
}
