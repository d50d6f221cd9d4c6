import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { inputProblems } from './input-guard';
import { ProblemException, problem, type FieldError } from './problem';

/** Flattens class-validator's tree into `{ field: "lines[0].quantity", message }` items. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^(\S+\.)+/, '') }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

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
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => malformed(fieldErrors(errors)),
  });
}
