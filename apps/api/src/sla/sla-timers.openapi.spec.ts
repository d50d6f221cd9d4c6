/** The published OpenAPI description and the documented contract (docs/) must agree. */
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CLOCK } from '@app/config';
import { ProjectionCheckpoints } from '@app/projections/nest';
import { PG_POOL } from '@app/database';
import { SlaTimersController } from './sla-timers.controller';

describe('GET /sla/timers in the OpenAPI description', () => {
  it('documents the query, the page and the timer shape', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [SlaTimersController],
      providers: [
        { provide: PG_POOL, useValue: {} },
        { provide: CLOCK, useValue: { now: () => new Date() } },
        { provide: ProjectionCheckpoints, useValue: {} },
      ],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();

    const get = doc.paths['/sla/timers']?.get;
    expect(get).toBeDefined();
    const params = (get?.parameters ?? []) as Array<{ name: string; in: string; schema?: { enum?: string[] } }>;
    expect(params.map((p) => p.name).sort()).toEqual(['cursor', 'kind', 'limit', 'minPosition', 'orderId', 'state']);
    expect(params.find((p) => p.name === 'state')?.schema).toBeDefined();
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '503']);
    const schemas = doc.components?.schemas as Record<string, { properties: Record<string, unknown>; required?: string[] }>;
    expect(Object.keys(schemas.SlaTimerDto.properties)).toEqual(
      ['timerId', 'orderId', 'kind', 'subjectId', 'startedAt', 'dueAt', 'stoppedAt', 'state', 'duration', 'action']);
    expect(schemas.SlaTimerDto.required).toEqual(['timerId', 'orderId', 'kind', 'subjectId', 'startedAt', 'dueAt', 'state', 'duration']);
    expect(Object.keys(schemas.SlaTimerPageDto.properties)).toEqual(['items', 'nextCursor']);
  });
});
