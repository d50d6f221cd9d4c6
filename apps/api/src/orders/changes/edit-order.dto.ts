/** Body of POST /orders/{orderId}/edits: 1 to 20 changes, each shaped by its `op`. */
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsObject, IsOptional, ValidateNested, registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import type { Category, EditChange } from '@app/ordering';
import { ShippingAddressDto } from '../placing/place-order-parts.dto';
import { CATEGORIES, EDIT_OPS } from '../shared/domain-values';
import { EnumProperty, IdProperty, MoneyProperty, NestedProperty, QuantityProperty, TextProperty } from '../shared/fields';

export const MAX_EDIT_CHANGES = 20;

type Op = EditChange['op'];

/** The fields each op takes; any other field on a change is refused. */
const FIELDS_OF: Readonly<Record<Op, readonly string[]>> = {
  set_quantity: ['lineId', 'quantity'],
  add_line: ['line'],
  replace_line: ['lineId', 'line'],
  set_shipping_address: ['shippingAddress'],
};
const OPTIONAL_FIELDS = ['lineId', 'quantity', 'line', 'shippingAddress'] as const;

const takes = (...ops: Op[]) => (change: EditChangeDto) => ops.some((op) => op === change.op);

/** On `op`: the change carries no field of another op (one message naming the first stray field). */
function OnlyTheOpsFields(): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'onlyTheOpsFields',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (op: unknown, args: ValidationArguments) => strayField(op, args.object as EditChangeDto) === undefined,
      defaultMessage: (args: ValidationArguments) => `${strayField(args.value, args.object as EditChangeDto)} is not allowed with op ${String(args.value)}`,
    },
  });
}

function strayField(op: unknown, change: EditChangeDto): string | undefined {
  const allowed = FIELDS_OF[op as Op];
  if (!allowed) return undefined; // an unknown op is the enum's message
  return OPTIONAL_FIELDS.find((field) => change[field] !== undefined && !allowed.includes(field));
}

/** A line an edit adds: like a placed line, but its lineId is required (it must be new to the order). */
export class EditLineDto {
  @IdProperty({ description: 'Id of the new line, unused in the order', example: '3' })
  lineId: string;

  @TextProperty({ description: 'Stock keeping unit', example: 'TB-01', maxLength: 100 })
  sku: string;

  @TextProperty({ description: 'Item name', example: 'Trackball', maxLength: 200 })
  name: string;

  @QuantityProperty({ description: 'Units', example: 1 })
  quantity: number;

  @MoneyProperty({ description: 'Price of one unit, in minor units of the order currency', example: 3500 })
  unitPrice: number;

  @EnumProperty(CATEGORIES, { description: 'What kind of item', example: 'physical', enumName: 'Category' })
  category: Category;
}

export class EditChangeDto {
  @EnumProperty(EDIT_OPS, { description: 'What the change does', example: 'replace_line', enumName: 'EditOp' })
  @OnlyTheOpsFields()
  op: Op;

  @IdProperty({ description: 'The line changed (set_quantity, replace_line)', example: '2', requiredWhen: takes('set_quantity', 'replace_line') })
  lineId?: string;

  @QuantityProperty({ description: 'The units the line should deliver, ≥ 1 (set_quantity; to go to 0, cancel the line)', example: 1, requiredWhen: takes('set_quantity') })
  quantity?: number;

  @NestedProperty(() => EditLineDto, { description: 'The new line (add_line, replace_line)', requiredWhen: takes('add_line', 'replace_line') })
  line?: EditLineDto;

  @NestedProperty(() => ShippingAddressDto, {
    description: 'The new address (set_shipping_address, until the first shipment)', requiredWhen: takes('set_shipping_address'),
  })
  shippingAddress?: ShippingAddressDto;
}

export class EditOrderDto {
  @IdProperty({ description: 'Id of the edit, unique in the order', example: 'e-1' })
  editId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EDIT_CHANGES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EditChangeDto)
  @ApiProperty({ type: () => EditChangeDto, isArray: true, minItems: 1, maxItems: MAX_EDIT_CHANGES, description: 'The changes, made together as one edit' })
  changes: EditChangeDto[];

  @IsOptional()
  @IsBoolean()
  @ApiProperty({ type: Boolean, required: false, description: 'true: answer what the edit would do and write nothing', example: false })
  preview?: boolean;
}
