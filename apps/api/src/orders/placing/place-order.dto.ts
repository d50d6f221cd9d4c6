import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IdProperty, MoneyProperty, NestedListProperty, NestedProperty, TextProperty } from '../shared/fields';
import { CustomerDto, OrderLineDto, PaymentDto, ShippingAddressDto } from './place-order-parts.dto';

/** Body of POST /orders. */
export class PlaceOrderDto {
  @IdProperty({
    description: 'The new order\'s id. When absent the server makes one: derived from the Idempotency-Key when given, random otherwise.',
    example: '50001',
    required: false,
  })
  orderId?: string;

  @NestedProperty(() => CustomerDto, { description: 'Who buys' })
  customer: CustomerDto;

  @TextProperty({ description: 'Sales channel', example: 'web', maxLength: 50 })
  channel: string;

  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as EUR' })
  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency of every amount of the order', example: 'EUR' })
  currency: string;

  @NestedListProperty(() => OrderLineDto, {
    description: '1 to 100 lines; lineIds, given or defaulted, must be distinct',
    example: [{ lineId: '1', sku: 'KB-01', name: 'Keyboard', quantity: 2, unitPrice: 4999, category: 'physical' }],
  })
  lines: OrderLineDto[];

  @MoneyProperty({ description: 'Shipping fee charged, in minor units', example: 500 })
  shippingFee: number;

  @NestedProperty(() => PaymentDto, { description: 'Payment method and its processing fee' })
  payment: PaymentDto;

  @NestedProperty(() => ShippingAddressDto, { description: 'Required when any line is physical', required: false })
  shippingAddress?: ShippingAddressDto;
}
