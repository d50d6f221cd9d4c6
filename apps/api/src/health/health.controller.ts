import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PG_POOL } from '../infrastructure/tokens';
import { PROJECTION_STATUS, type ProjectionHealth, type ProjectionStatusSource } from './projection-status';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, readModels] = await Promise.all([
      probe(() => this.store.ping()),
      probe(() => this.pool.query('SELECT 1').then(() => undefined)),
    ]);
    const projections: Record<string, ProjectionHealth> = readModels === 'up' ? await this.projections.status().catch(() => ({})) : {};
    const failed = Object.values(projections).some((p) => p.state === 'failed');
    const down = eventStore !== 'up' || readModels !== 'up';
    if (down) reply.status(503);
    return { status: down || failed ? 'degraded' : 'ok', eventStore, readModels, projections };
  }
}

async function probe(check: () => Promise<void>): Promise<'up' | 'down'> {
  try {
    await withTimeout(check(), 2000);
    return 'up';
  } catch {
    return 'down';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(timer));
}
