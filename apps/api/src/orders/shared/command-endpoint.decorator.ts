/** Everything a command route declares besides its path and body: role, status, OpenAPI description. */
import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath,
} from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CommandResultDto } from '../command-result.dto';
import { ProblemDto } from '../problem.dto';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'validation_failed: the body or a path id is malformed; `errors` lists each field. Nothing is written.',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: the token\'s role may not send commands',
  404: 'order_not_found, line_not_found, return_not_found, complaint_not_found or edit_not_found',
  409: 'order_already_exists: this orderId was placed with a different body; shipment_, return_, refund_, complaint_ or edit_already_exists: that id is taken',
  412: 'revision_mismatch: If-Match did not match the order\'s current revision',
  410: 'stream_deleted: the order\'s stream was deleted from the event store (EventStoreDB tombstone); nothing is written',
  413: 'payload_too_large: the body is over 1 MiB',
  422: 'A business rule refused the command; `code` names it (e.g. invalid_state_transition), or idempotency_key_reused',
  503: 'unavailable: the event store cannot be reached; nothing was written. outcome_unknown: the event store did not confirm the write and could not be asked, so it may or may not be recorded; a retry with the same Idempotency-Key is safe. Retry after Retry-After seconds.',
};

const ORDER_ERRORS = [400, 401, 403, 404, 409, 410, 412, 413, 422, 503];
const PLACE_ORDER_ERRORS = [400, 401, 403, 409, 410, 412, 413, 422, 503];

const CORRELATION_HEADER = {
  'X-Correlation-Id': { description: 'The correlation id given, or the one the server made', schema: { type: 'string' } },
};

function problemResponse(status: number) {
  return ApiResponse({
    status,
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    ...(status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
  });
}

const COMMAND_HEADERS = [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key, same body, same path within 24 h: the first answer again, nothing appended. Another body: 422 idempotency_key_reused.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Append only if the order is at this revision ("<revision>"), else 412',
    schema: { type: 'string', pattern: '^"?\\d+"?$', example: '"3"' },
  }),
  ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: "Kept as the events' correlationId; made by the server when absent and echoed in the response",
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  }),
];

export interface CommandEndpointOptions {
  summary: string;
  description?: string;
  /** Only POST /orders creates (201); every other command answers 200. */
  creates?: boolean;
  /** The answer's schema when it says more than CommandResultDto (POST /orders: its tracking link). */
  result?: typeof CommandResultDto;
}

export function CommandEndpoint(options: CommandEndpointOptions): MethodDecorator {
  const type = options.result ?? CommandResultDto;
  const success = options.creates
    ? ApiCreatedResponse({ type, description: 'OrderPlaced appended (or the first answer to this order again)', headers: CORRELATION_HEADER })
    : ApiOkResponse({ type, description: 'The events appended', headers: CORRELATION_HEADER });
  return applyDecorators(
    Roles('service'),
    HttpCode(options.creates ? HttpStatus.CREATED : HttpStatus.OK),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDto),
    ...COMMAND_HEADERS,
    success,
    ...(options.creates ? PLACE_ORDER_ERRORS : ORDER_ERRORS).map(problemResponse),
  );
}
