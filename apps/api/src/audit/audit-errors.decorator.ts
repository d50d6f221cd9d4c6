/** The problem+json answers of the audit routes, for the OpenAPI description. */
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../orders/problem.dto';

const ERRORS: Record<number, string> = {
  400: 'validation_failed: a malformed order id or query; for /state, not exactly one of at and revision, or a revision beyond the head',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: the role may not use this audit route',
  404: 'order_not_found: no such order, or (for /state?at=) not yet placed at that time; checkpoints_disabled: no signing key configured',
  503: 'unavailable: the event store cannot be reached',
};

export function AuditErrors(statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERRORS[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}
