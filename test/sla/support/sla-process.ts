/**
 * A projector process as MODE=projector runs it (infrastructure, write path, projections and
 * the SLA scheduler), without HTTP. Two of them on one database are two processes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { AdjustableClock, CLOCK, loadConfig, type AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { OrderCommand } from '@app/ordering';
import { projectionMigrations } from '@app/projections/registry';
import type { Projection } from '@app/projections/runtime';
import { CommandsModule } from '@app/commands';
import { ExecuteOrderCommand, type CommandResult } from '@app/commands';
import { InfrastructureModule } from '@app/platform';
import { PG_POOL } from '@app/database';
import { slaActionsMigrations } from '@app/projections/sla-timers';
import { SlaSchedulerService } from '@app/projector/sla-scheduler/sla-scheduler.service';
import { ProjectorAppModule } from '@app/projector/projector-app.module';
import { TOKENS } from '@app/harness';
import type { Pool } from 'pg';

export interface SlaProcess {
  context: INestApplicationContext;
  scheduler: SlaSchedulerService;
  clock: AdjustableClock;
  bus: CommandBus;
  store: EventStore;
  pool: Pool;
  config: AppConfig;
  /** A command as a `service` caller sends it over HTTP. */
  send(command: OrderCommand): Promise<CommandResult>;
  close(): Promise<void>;
}

export async function startSlaProcess(databaseUrl: string, projections: readonly Projection[], env: Record<string, string> = {}): Promise<SlaProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-sla-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    TEST_CLOCK: '1',
    // The periodic tick stays out of the way: the tests run passes themselves.
    SLA_TICK_MS: '3600000',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const context = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot({ ...config, mode: 'projector' }, projections, { runtime: { standbyRetryMs: 100, backoffBaseMs: 50 } }), { logger: ['error'] });
  context.enableShutdownHooks();
  await context.init();
  const bus = context.get(CommandBus);
  let sequence = 0;
  return {
    context,
    scheduler: context.get(SlaSchedulerService),
    clock: context.get<AdjustableClock>(CLOCK),
    bus,
    store: context.get<EventStore>(EVENT_STORE),
    pool: context.get<Pool>(PG_POOL),
    config,
    send: (command) => bus.execute(new ExecuteOrderCommand(command, {
      actor: { kind: 'token', role: 'service', tokenName: 'test' },
      correlationId: `test-${(sequence += 1)}`,
      path: `test ${command.type}`,
      body: command,
    })),
    async close() {
      await context.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
