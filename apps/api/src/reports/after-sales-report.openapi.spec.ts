/** The after-sales report in the published OpenAPI description agrees with docs/projections.md "After-sales service quality". */
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CLOCK } from '@app/config';
import { PG_POOL } from '@app/database';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { AFTER_SALES_CSV, AfterSalesReportController } from './after-sales-report.controller';

describe('the after-sales report in the OpenAPI description', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [AfterSalesReportController],
      providers: [{ provide: PG_POOL, useValue: {} }, { provide: CLOCK, useValue: {} }, { provide: ProjectionCheckpoints, useValue: {} }],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
  });

  it('documents JSON and CSV, its errors and its query parameters, from and to required', () => {
    const get = doc.paths['/reports/after-sales']?.get;
    expect(get?.tags).toEqual(['Reports']);
    const ok = get?.responses['200'] as { content: Record<string, { example?: string }> };
    expect(Object.keys(ok.content).sort()).toEqual(['application/json', 'text/csv']);
    // The CSV example has as many fields as the header.
    const [header, row] = String(ok.content['text/csv'].example).split('\r\n');
    expect(row.split(',')).toHaveLength(AFTER_SALES_CSV.length);
    expect(header.split(',')).toHaveLength(AFTER_SALES_CSV.length);
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '503']);
    const params = (get?.parameters ?? []) as Array<{ name: string; required?: boolean }>;
    expect(params.map((p) => `${p.name}${p.required ? '!' : ''}`).sort()).toEqual(['format', 'from!', 'groupBy', 'minPosition', 'to!']);
  });

  it('describes the answer figure by figure', () => {
    const schemas = doc.components?.schemas as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(schemas.AfterSalesReportDto.properties)).toEqual(['from', 'to', 'groupBy', 'rows', 'totals']);
    expect(Object.keys(schemas.AfterSalesReportRowDto.properties).sort()).toEqual(
      ['complaints', 'firstResponse', 'key', 'repairTurnaround', 'responseSla', 'returns', 'satisfaction']);
    expect(Object.keys(schemas.FirstResponseDto.properties)).toEqual(['answered', 'p50Hours', 'p90Hours']);
    expect(Object.keys(schemas.RepairTurnaroundDto.properties)).toEqual(['completed', 'p50BusinessDays', 'p90BusinessDays']);
  });
});
