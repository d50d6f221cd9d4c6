/** Role, auth and error documentation shared by the order reads. */
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ProblemDto } from '../orders/problem.dto';

const ERRORS: Record<number, string> = {
  400: 'validation_failed: a malformed or unknown query parameter, a bad cursor or minPosition; `errors` lists each',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: the role may not read orders',
  404: 'order_not_found',
  503: 'projection_lagging: the read model has not reached minPosition after 5 s (Retry-After: 1); or unavailable',
};

export function OrderReadEndpoint(statuses: number[]): MethodDecorator {
  return applyDecorators(
    Roles('service', 'auditor', 'finance'),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERRORS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      }),
    ),
  );
}
