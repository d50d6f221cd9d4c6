import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals } from 'class-validator';
import { CUSTOMER_LOCALES } from '@app/ordering';
import { CommandResultDto } from '../orders/command-result.dto';

const LINK = 'https://shop.example.com/track/3q2-7wEvYJk9mC1nWgG0aVtVb8l1sVt3Yp4uQh5xZ6A';

export class PlaceOrderResultDto extends CommandResultDto {
  @ApiProperty({ description: "The order's tracking page for the customer (docs/tracking.md); the same on a retry", example: LINK })
  trackingUrl: string;
}

export class TrackingLinkDto {
  @ApiProperty({ description: "The order's current tracking page link", example: LINK })
  url: string;
}

/** Body of POST /orders/{orderId}/tracking-link/rotate: `{}` (or none); any field is refused. */
export class RotateTrackingLinkDto {
  // As ApproveReturnDto: a rule that holds only while the property is absent.
  @Equals(undefined, { message: 'property $property should not exist' })
  private readonly noFields?: never;
}

class TrackedItemDto {
  @ApiProperty() lineId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ description: 'The line status (docs/domain-rules.md)' }) status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: 'What the status means and what happens next' }) statusText: string;
  @ApiPropertyOptional() carrier?: string;
  @ApiPropertyOptional() trackingNumber?: string;
}

class TrackedRefundDto {
  @ApiProperty({ type: 'integer', description: 'Minor units' }) total: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ enum: ['wallet', 'card', 'debit', 'gpay', 'paypal', 'bank_transfer'] }) destination: string;
  @ApiProperty() destinationLabel: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time', description: 'wallet: issuedAt; otherwise 5 business days later' }) fundsExpectedBy: string;
  @ApiProperty({ description: 'Where the money goes and when it arrives, in plain words' }) text: string;
}

export class TrackedOrderDto {
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: CUSTOMER_LOCALES, description: 'The language of the texts' }) locale: string;
  @ApiProperty() status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty() statusText: string;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiProperty({ type: [TrackedItemDto] }) items: TrackedItemDto[];
  @ApiProperty({ type: [TrackedRefundDto] }) refunds: TrackedRefundDto[];
}
