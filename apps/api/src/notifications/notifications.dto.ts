import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  @ApiProperty({ enum: ['order_confirmation', 'shipment_dispatched', 'line_cancelled', 'order_cancelled', 'delivery_failed', 'refund_issued', 'return_approved', 'return_rejected', 'complaint_answered'] })
  kind: string;
  @ApiProperty({ enum: ['customer', 'staff'], description: 'staff: the alert to STAFF_EMAIL' }) audience: string;
  @ApiProperty({ example: 'j***@example.com', description: 'Masked: the first character and the domain' }) recipient: string;
  @ApiProperty({ enum: ['sent', 'pending', 'failed'], description: 'pending: not accepted yet, retried on the outbound schedule; failed: refused for good, or its retries ran out (a dead letter of the email subscription)' })
  state: string;
  @ApiProperty({ format: 'date-time', description: 'When it was sent; otherwise its last attempt' }) at: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ example: 'OrderPlaced' }) eventType: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
}

export class OrderNotificationsDto {
  @ApiProperty() orderId: string;
  @ApiProperty({ type: [NotificationDto], description: 'Oldest first, from each email\'s first attempt' }) notifications: NotificationDto[];
}
