import { TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/complaints/{complaintId}/resolve. */
export class ResolveComplaintDto {
  @TextProperty({ description: 'How the complaint was settled', example: 'Goodwill refund rf-2 issued', maxLength: 2000 })
  resolution: string;
}
