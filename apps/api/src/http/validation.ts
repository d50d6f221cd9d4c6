import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, problem, type FieldError } from './problem';

/** Flattens class-validator's tree into `{ field: "lines[0].quantity", message }` items. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^(\S+\.)+/, '') }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ProblemException(problem(400, 'validation_failed', 'The request is malformed; see errors.', fieldErrors(errors))),
  });
}
