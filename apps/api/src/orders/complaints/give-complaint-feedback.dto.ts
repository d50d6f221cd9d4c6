import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { TextProperty } from '../shared/fields';

/** Body of POST /orders/{orderId}/complaints/{complaintId}/feedback: the follow-up call's answer. */
export class GiveComplaintFeedbackDto {
  @IsBoolean()
  @ApiProperty({ type: Boolean, description: 'Is the customer satisfied with the resolution? false reopens the complaint', example: true })
  satisfied: boolean;

  @TextProperty({ description: "The customer's words, if any", example: 'Quick and friendly, thank you.', maxLength: 2000, required: false })
  comment?: string;
}
