import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { oversizedLists } from './array-limits';
import { inputProblems } from './input-guard';
import { ProblemException, problem, type FieldError } from './problem';

/**
 * Rules saying what kind of value a field takes, in the order their message is preferred. When
 * one fails, the range and format rules of the same field fail with it and say something false
 * (`"quantity": "2"` is not "less than 1"), so only the kind is reported.
 */
const KIND_RULES = ['whitelist', 'unknownValue', 'isObject', 'isArray', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isIn', 'isIso8601'];

/** Flattens class-validator's tree into `{ field: "lines[0].quantity", message }` items, one per field. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const message = oneMessage(error);
    return [...(message ? [{ field, message }] : []), ...fieldErrors(error.children ?? [], field)];
  });
}

/** The one message of a field: "required" when absent (null means absent), else its kind, else its first failed rule. */
function oneMessage(error: ValidationError): string | undefined {
  const constraints = error.constraints ?? {};
  const failed = Object.keys(constraints);
  if (!failed.length) return undefined;
  const unknown = failed.find((rule) => rule === 'whitelist' || rule === 'unknownValue');
  if (unknown) return constraints[unknown];
  if (error.value === undefined || error.value === null) return `${error.property} is required`;
  const rule = KIND_RULES.find((kind) => kind in constraints) ?? failed[0];
  return constraints[rule].replace(/^(\S+\.)+/, '');
}

/**
 * class-validator's options for every request. The value stays on each error (never in the
 * answer) to tell a missing field from a wrong one.
 */
export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
} as const satisfies ValidatorOptions;

const malformed = (errors: FieldError[]) => new ProblemException(problem(400, 'validation_failed', 'The request is malformed; see errors.', errors));

/** Checks what no DTO can express (input-guard.ts) before class-transformer and class-validator run. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.data === undefined && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      // Nest reads a JSON `null` (or nothing) as {}: an endpoint whose fields are all optional would act on it.
      throw malformed([{ field: 'body', message: 'body must be a JSON object' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = inputProblems(value, metadata.data ?? '');
      if (problems.length) throw malformed(problems);
      const tooLong = metadata.metatype ? oversizedLists(value, metadata.metatype) : [];
      if (tooLong.length) throw malformed(tooLong);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => malformed(fieldErrors(errors)),
  });
}
