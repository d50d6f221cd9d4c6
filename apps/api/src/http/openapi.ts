import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token of role service, auditor, finance or admin (API_TOKENS).' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml', customSiteTitle: 'Order management API' });
}
