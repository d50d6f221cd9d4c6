import { TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/complaints/{complaintId}/respond. */
export class RespondToComplaintDto {
  @TextProperty({ description: "Customer service's answer", example: 'We are sorry; a voucher is on its way.', maxLength: 2000 })
  message: string;
}
