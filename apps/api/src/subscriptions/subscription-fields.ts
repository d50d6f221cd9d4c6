/**
 * Validation of the subscription bodies: one message per field, "<field> is required" when a
 * required one is missing (class-validator's stacked decorators would report every rule at
 * once). `check` answers what is wrong with a present value, or null.
 */
import { applyDecorators } from '@nestjs/common';
import { IsOptional, ValidateBy } from 'class-validator';

export type Check = (value: unknown) => string | null;

export function Field(name: string, check: Check, required = true): PropertyDecorator {
  const missing = (value: unknown) => value === undefined || value === null;
  return applyDecorators(
    ...(required ? [] : [IsOptional()]),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => (missing(value) ? !required : check(value) === null),
        defaultMessage: (args) => (missing(args?.value) ? `${args!.property} is required` : `${args!.property} ${check(args!.value)}`),
      },
    }),
  );
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An ISO 8601 instant with a time zone (as JSON dates are written). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const instantProblem: Check = (value) =>
  typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-02T09:00:00Z';

export const positionProblem: Check = (value) =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 ? null : 'must be a position as the API gives it (a non-empty string)';
