import type { ComplaintCategory } from '@app/ordering';
import { COMPLAINT_CATEGORIES } from '../shared/domain-values';
import { EnumProperty, IdProperty, TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/complaints. */
export class OpenComplaintDto {
  @IdProperty({ description: 'Id of the new complaint', example: 'cmp-1' })
  complaintId: string;

  @EnumProperty(COMPLAINT_CATEGORIES, { description: 'What the complaint is about', example: 'delivery', enumName: 'ComplaintCategory' })
  category: ComplaintCategory;

  @TextProperty({ description: "The customer's message", example: 'The parcel arrived a week late.', maxLength: 2000 })
  message: string;
}
