/** The real app (MODE=all) with the projector, the sla-timers projection, the scheduler and GET /sla/timers. */
import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from '@app/api/api.module';
import { coreMigrations } from '@app/api/infrastructure/migrations';
import { slaTimersProjectionFromConfig } from '@app/api/sla/sla-config';
import { slaSchedulerMigrations } from '@app/api/sla/sla-actions';
import { SlaReadModule, SlaSchedulerModule } from '@app/api/sla/sla.module';
import { loadConfig } from '@app/config';
import { PROJECTIONS, projectionMigrations } from '@app/projections/registry';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import { startTestApp, type TestApp } from '@app/test-support';
import { ProjectorModule } from '../../../apps/projector/src/projector.module';

@Module({})
class SlaUntilWired {}

const importsOf = (module: unknown): unknown[] => Reflect.getMetadata('imports', module as object) ?? [];

/**
 * Until the lead's wiring (sla-timers in the registry, SlaReadModule in the API, SlaSchedulerModule
 * in the projector, the sla_actions migration in the core ones), the tests mount what is missing;
 * once wired, this adds nothing (a route mounted twice would fail, a migration listed twice too).
 */
export function startSlaApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...env });
  const sla = slaTimersProjectionFromConfig(config);
  const projections = [...PROJECTIONS.filter((p) => p.name !== SLA_TIMERS), sla];
  const projector = ProjectorModule.forRoot(projections, { runtime: { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 500 } });
  const wired = new Set([...importsOf(ApiModule), ...(projector.imports ?? [])]);
  const missing = [SlaReadModule, SlaSchedulerModule].filter((m) => !wired.has(m));
  const core = new Set(coreMigrations().map((m) => m.id));
  const migrations = [...projectionMigrations(projections), ...slaSchedulerMigrations.filter((m) => !core.has(m.id))];
  const module: DynamicModule = missing.length ? { module: SlaUntilWired, imports: [projector, ...missing] } : projector;
  // A pass an hour apart: the tests run the scheduler themselves (POST /admin/sla/tick).
  return startTestApp({ SLA_TICK_MS: '3600000', ...env }, { projector: module, projectionMigrations: migrations });
}
