import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject, PathItemObject, ResponseObject, ResponsesObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FieldErrorDto, ProblemDto } from '../orders/problem.dto';
import { problem } from './problem';

const PROBLEM_REF = '#/components/schemas/ProblemDto';

/** What every route of a kind can answer, whatever its controller declared (docs/http-api.md "Errors"). */
const GENERIC_ERRORS: Record<number, string> = {
  400: 'validation_failed: a parameter, the query or the body is malformed; `errors` lists each field',
  401: 'unauthenticated: no or unknown bearer token',
  403: "forbidden: the token's role may not call this route",
  503: 'unavailable: the event store or the database cannot be reached. Retry after Retry-After seconds.',
};

/** The `code` an error example shows when its description does not start with one. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'validation_failed', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  412: 'revision_mismatch', 413: 'payload_too_large', 422: 'invalid_state_transition', 503: 'unavailable',
};

/** The OpenAPI description, generated from the controllers and DTOs (GET /docs-json, page at /docs). */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Order management')
    .setDescription(
      'Event-sourced order management: commands append events to each order\'s stream; reads come from projections; ' +
        'auditors read the history itself. Errors are application/problem+json with a stable `code`. ' +
        'Money is integer minor units of the order\'s currency.',
    )
    .setVersion('1')
    // Opaque tokens (API_TOKENS or DATA_DIR/api-tokens.json), not JWTs: no bearerFormat.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: undefined, description: 'A token of role service, auditor, finance or admin (API_TOKENS).' })
    .addTag('Operations', 'Health (no token; details with one), metrics (admin) and this description (any role); no token on METRICS_PORT')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, FieldErrorDto] });
  return completeDocument(document);
}

export function mountOpenApi(app: INestApplication): void {
  // The API is published at /docs and /docs-json (docs/http-api.md); no YAML twin to keep in step.
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json', raw: ['json'], customSiteTitle: 'Order management API' });
}

/**
 * Fills in what holds for every route rather than repeating it in each controller: the errors
 * the guard, the validation pipe and the database can answer, problem+json bodies (with an
 * example) for every error, and the documentation routes themselves.
 */
function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of operationsOf(pathItem)) {
      const generic = [
        ...(operation.parameters?.length || operation.requestBody ? [400] : []),
        ...(operation.security?.length ? [401, 403, 503] : []),
      ];
      for (const status of generic) operation.responses[status] ??= genericError(status);
      asProblems(operation.responses);
    }
  }
  Object.assign(document.paths, documentationPaths());
  return document;
}

function genericError(status: number): ResponseObject {
  const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };
  return { description: GENERIC_ERRORS[status], ...(status === 503 ? { headers: retryAfter } : {}) };
}

function operationsOf(pathItem: PathItemObject): OperationObject[] {
  return (['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const).flatMap((method) => pathItem[method] ?? []);
}

/** Error responses without a body, or with the problem schema under another media type, become problem+json. */
function asProblems(responses: ResponsesObject): void {
  for (const [key, entry] of Object.entries(responses)) {
    const status = Number(key);
    if (!entry || '$ref' in entry || !(status >= 400)) continue;
    const response: ResponseObject = entry;
    const content = response.content;
    const problemTyped = content && Object.values(content).every((media) => (media.schema as { $ref?: string } | undefined)?.$ref === PROBLEM_REF);
    if (content && !problemTyped) continue; // e.g. /health's 503, which answers the health report
    // Descriptions start with the code where there is one: "projection_not_found", "rebuild_in_progress: ...".
    const code = /^([a-z]+(?:_[a-z]+)+)\b/.exec(response.description)?.[1] ?? DEFAULT_CODES[status] ?? 'error';
    const detail = response.description.replace(/^[a-z_]+:\s*/, '');
    response.content = {
      'application/problem+json': { schema: { $ref: PROBLEM_REF }, example: problem(status, code, detail) },
    };
  }
}

function documentationPaths(): Record<string, PathItemObject> {
  // A token of any role on the main port; none on METRICS_PORT (http/operational-access.ts).
  const page = (operationId: string, summary: string, mediaType: string, type: 'string' | 'object'): PathItemObject => ({
    get: {
      tags: ['Operations'],
      summary,
      operationId,
      security: [{ bearer: [] }],
      responses: {
        200: { description: summary, content: { [mediaType]: { schema: { type } } } },
        401: { description: GENERIC_ERRORS[401], content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF }, example: problem(401, 'unauthenticated', 'Send Authorization: Bearer <token>.') } } },
      },
    },
  });
  return {
    '/docs': page('docs_page', 'This description as a browsable page', 'text/html', 'string'),
    '/docs-json': page('docs_json', 'This description (OpenAPI 3, JSON)', 'application/json', 'object'),
  };
}
