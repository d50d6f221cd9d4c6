/** A report's 200 answer in OpenAPI: the JSON shape, and text/csv as text with an example. */
import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';

export function ReportOkResponse(dto: Type<unknown>, description: string, csvExample: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(dto),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(dto) } },
        'text/csv': { schema: { type: 'string' }, example: csvExample },
      },
    }),
  );
}
