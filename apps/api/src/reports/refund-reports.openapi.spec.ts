/** The published OpenAPI description and the documented contract (docs/) must agree. */
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { RefundReportsController } from './refund-reports.controller';
import { RefundReportsService } from './refund-reports.service';

describe('the refund reports in the OpenAPI description', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [RefundReportsController],
      providers: [{ provide: RefundReportsService, useValue: {} }, { provide: ProjectionCheckpoints, useValue: {} }],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
  });

  const params = (path: string) => ((doc.paths[path]?.get?.parameters ?? []) as Array<{ name: string; required?: boolean }>);

  it('documents the three endpoints, JSON and CSV, and their errors', () => {
    for (const path of ['/reports/refunds', '/reports/refunds/ledger', '/reports/refunds/outstanding']) {
      const get = doc.paths[path]?.get;
      expect(get?.tags).toEqual(['Reports']);
      const ok = get?.responses['200'] as { content: Record<string, unknown> };
      expect(Object.keys(ok.content).sort()).toEqual(['application/json', 'text/csv']);
      expect(Object.keys(get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '503']);
    }
  });

  it('documents each query parameter, from and to required on the report', () => {
    expect(params('/reports/refunds').map((p) => `${p.name}${p.required ? '!' : ''}`).sort()).toEqual(['format', 'from!', 'groupBy', 'minPosition', 'to!']);
    expect(params('/reports/refunds/ledger').map((p) => p.name).sort()).toEqual(['cursor', 'format', 'from', 'limit', 'minPosition', 'to']);
    expect(params('/reports/refunds/outstanding').map((p) => p.name).sort()).toEqual(['format', 'minPosition']);
  });

  it('describes the answers field by field, amounts as integers', () => {
    const schemas = doc.components?.schemas as Record<string, { properties: Record<string, { type?: string }> }>;
    expect(Object.keys(schemas.RefundReportDto.properties)).toEqual(['from', 'to', 'groupBy', 'rows', 'totals']);
    expect(Object.keys(schemas.RefundReportRowDto.properties).sort()).toEqual(
      ['count', 'currency', 'feeRetained', 'goods', 'key', 'processingFee', 'returnShipping', 'shipping', 'total']);
    expect(Object.keys(schemas.LedgerPageDto.properties)).toEqual(['items', 'nextCursor']);
    expect(Object.keys(schemas.LedgerRowDto.properties).sort()).toEqual(
      ['currency', 'destination', 'feeRetained', 'goods', 'issuedAt', 'method', 'orderId', 'processingFee', 'reason', 'refundId', 'returnShipping', 'shipping', 'total']);
    expect(Object.keys(schemas.OutstandingRefundsDto.properties)).toEqual(['items', 'totals']);
    expect(schemas.RefundTotalsDto.properties.total.type).toBe('integer');
  });
});
