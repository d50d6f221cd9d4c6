/**
 * Property decorators for the field kinds that recur across command bodies. Each one applies the
 * class-validator rules and the matching @ApiProperty together, so the OpenAPI description can
 * never say something the validation does not enforce.
 */
import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max,
  MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';

/** docs/http-api.md "Writes": orderId, lineId, shipmentId, returnId, refundId, complaintId, transactionId. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ID_MESSAGE = '$property must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit';

/** An order holds at most 100 lines, so no list of lines or line ids is longer. */
export const MAX_LINES = 100;
export const MAX_QUANTITY = 1000;

export interface FieldDoc {
  description: string;
  example?: unknown;
  /** Defaults to true; an optional field may be absent or null (both mean absent). */
  required?: boolean;
  /** Required exactly when this holds of the object (e.g. a field of one op of an edit change); otherwise not checked. */
  requiredWhen?: (object: never) => boolean;
}

function presence(doc: FieldDoc): PropertyDecorator[] {
  if (doc.requiredWhen) return [ValidateIf(doc.requiredWhen as (object: object) => boolean)];
  return doc.required === false ? [IsOptional()] : [];
}

function apiDoc(doc: FieldDoc) {
  return { description: doc.description, example: doc.example, required: doc.required !== false && !doc.requiredWhen };
}

export function IdProperty(doc: FieldDoc): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsString(),
    Matches(ID_PATTERN, { message: ID_MESSAGE }),
    ApiProperty({ ...apiDoc(doc), type: String, pattern: ID_PATTERN.source, minLength: 1, maxLength: 64 }),
  );
}

/** A list of distinct line ids (1 to 100). */
export function LineIdListProperty(doc: FieldDoc): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_LINES),
    ArrayUnique({ message: '$property must not name the same line twice' }),
    IsString({ each: true }),
    Matches(ID_PATTERN, { each: true, message: `each value in ${ID_MESSAGE}` }),
    ApiProperty({
      ...apiDoc(doc),
      type: 'array',
      items: { type: 'string', pattern: ID_PATTERN.source, minLength: 1, maxLength: 64 },
      minItems: 1,
      maxItems: MAX_LINES,
      uniqueItems: true,
    }),
  );
}

/** Integer minor units of the order's currency; never a fraction, never beyond what a double holds exactly. */
export function MoneyProperty(doc: FieldDoc & { minimum?: number }): PropertyDecorator {
  const minimum = doc.minimum ?? 0;
  return applyDecorators(
    ...presence(doc),
    IsInt(),
    Min(minimum),
    Max(Number.MAX_SAFE_INTEGER),
    ApiProperty({ ...apiDoc(doc), type: 'integer', minimum, maximum: Number.MAX_SAFE_INTEGER }),
  );
}

export function QuantityProperty(doc: FieldDoc): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsInt(),
    Min(1),
    Max(MAX_QUANTITY),
    ApiProperty({ ...apiDoc(doc), type: 'integer', minimum: 1, maximum: MAX_QUANTITY }),
  );
}

/** Free text, 1 to maxLength characters. */
export function TextProperty(doc: FieldDoc & { maxLength: number }): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsString(),
    MinLength(1),
    MaxLength(doc.maxLength),
    ApiProperty({ ...apiDoc(doc), type: String, minLength: 1, maxLength: doc.maxLength }),
  );
}

export function EnumProperty(values: readonly string[], doc: FieldDoc & { enumName: string }): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
    ApiProperty({ ...apiDoc(doc), enum: values as string[], enumName: doc.enumName }),
  );
}

/** Swagger only resolves a lazy type whose function is literally named `type`. */
function lazy<T>(resolve: () => ClassType<T>) {
  return { type: () => resolve() };
}

export function NestedProperty(type: () => ClassType<unknown>, doc: FieldDoc): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsObject(),
    ValidateNested(),
    Type(type),
    ApiProperty({ ...apiDoc(doc), ...lazy(type) }),
  );
}

/** A list of 1 to 100 nested objects; `uniqueBy` names the key that must not repeat. */
export function NestedListProperty<T>(
  type: () => ClassType<T>,
  doc: FieldDoc & { uniqueBy?: (item: T) => unknown },
): PropertyDecorator {
  const { uniqueBy } = doc;
  const unique = uniqueBy
    ? [ArrayUnique((item: T) => (item === null || typeof item !== 'object' ? item : uniqueBy(item)), {
        message: '$property must not name the same line twice',
      })]
    : [];
  return applyDecorators(
    ...presence(doc),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_LINES),
    ...unique,
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
    ApiProperty({ ...apiDoc(doc), ...lazy(type), isArray: true, minItems: 1, maxItems: MAX_LINES }),
  );
}
