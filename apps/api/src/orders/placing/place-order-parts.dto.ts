/** The nested parts of a PlaceOrder body. */
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CATEGORIES, CUSTOMER_LOCALE_VALUES, PAYMENT_METHODS } from '../shared/domain-values';
import { EnumProperty, IdProperty, MoneyProperty, QuantityProperty, TextProperty } from '../shared/fields';
import type { Category, CustomerLocale, PaymentMethod } from '@app/ordering';

export class CustomerDto {
  // The shop's own customer id, not one of ours: any non-empty text, not our id pattern.
  @TextProperty({ description: "The shop's customer id", example: 'c-42', maxLength: 128 })
  id: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  @ApiProperty({ required: false, type: String, format: 'email', maxLength: 254, description: 'Contact email', example: 'ana@example.com' })
  email?: string;

  @TextProperty({ description: 'Display name', example: 'Ana', maxLength: 200, required: false })
  name?: string;

  @IsBoolean()
  @ApiProperty({ type: Boolean, description: 'A registered customer may receive refunds to the store wallet', example: true })
  registered: boolean;

  @EnumProperty(CUSTOMER_LOCALE_VALUES, {
    description: "The language of the customer's tracking page (and later e-mails); default en. The page's ?lang= or Accept-Language overrides it.",
    example: 'fr',
    enumName: 'CustomerLocale',
    required: false,
  })
  locale?: CustomerLocale;
}

export class OrderLineDto {
  @IdProperty({ description: 'Defaults to the line\'s position: "1", "2", ...', example: '1', required: false })
  lineId?: string;

  @TextProperty({ description: 'Stock keeping unit', example: 'KB-01', maxLength: 100 })
  sku: string;

  @TextProperty({ description: 'Item name', example: 'Keyboard', maxLength: 200 })
  name: string;

  @QuantityProperty({ description: 'Units ordered', example: 2 })
  quantity: number;

  @MoneyProperty({ description: 'Price of one unit, in minor units', example: 4999 })
  unitPrice: number;

  @EnumProperty(CATEGORIES, { description: 'What kind of item (decides shipping and returns)', example: 'physical', enumName: 'Category' })
  category: Category;
}

export class PaymentDto {
  @EnumProperty(PAYMENT_METHODS, { description: 'How the customer pays', example: 'card', enumName: 'PaymentMethod' })
  method: PaymentMethod;

  @MoneyProperty({ description: 'Processing fee charged to the customer, in minor units (0 for wallet)', example: 150 })
  processingFee: number;
}

export class ShippingAddressDto {
  @TextProperty({ description: 'Recipient', example: 'Ana', maxLength: 200 })
  name: string;

  @TextProperty({ description: 'Street address', example: '1 Main St', maxLength: 200 })
  line1: string;

  @TextProperty({ description: 'Further address details', example: 'Apt 4', maxLength: 200, required: false })
  line2?: string;

  @TextProperty({ description: 'City', example: 'Lyon', maxLength: 100 })
  city: string;

  @TextProperty({ description: 'Postal code', example: '69001', maxLength: 20 })
  postalCode: string;

  @TextProperty({ description: 'Region, state or province', example: 'Auvergne-Rhône-Alpes', maxLength: 100, required: false })
  region?: string;

  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as FR' })
  @ApiProperty({ type: String, pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code', example: 'FR' })
  country: string;
}
