/**
 * The real app (MODE=all): the write path, the projector running order-status, sla-timers and
 * finance, and the finance reports. Until the lead's wiring (finance and sla-timers in the
 * registry, ReportsModule in the API, the SLA modules), the suite mounts what is missing; once
 * wired, this adds nothing (a route mounted twice would fail, a migration listed twice too).
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from '@app/api/api.module';
import { coreMigrations } from '@app/api/infrastructure/migrations';
import { ReportsModule } from '@app/api/reports/reports.module';
import { slaSchedulerMigrations } from '@app/api/sla/sla-actions';
import { slaTimersProjectionFromConfig } from '@app/api/sla/sla-config';
import { SlaReadModule, SlaSchedulerModule } from '@app/api/sla/sla.module';
import { loadConfig } from '@app/config';
import { FINANCE_PROJECTION_NAME, financeProjection } from '@app/projections/finance';
import { PROJECTIONS, projectionMigrations } from '@app/projections/registry';
import { SLA_TIMERS } from '@app/projections/sla-timers';
import { startTestApp, type TestApp } from '@app/test-support';
import { ProjectorModule } from '../../../apps/projector/src/projector.module';

@Module({})
class FinanceUntilWired {}

/** Every module reachable from `roots` through static or dynamic imports. */
function reachable(roots: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const queue = [...roots];
  while (queue.length) {
    const entry = queue.pop();
    if (!entry || seen.has(entry)) continue;
    seen.add(entry);
    const dynamic = entry as Partial<DynamicModule>;
    if (dynamic.module) queue.push(...(dynamic.imports ?? []), dynamic.module);
    if (typeof entry === 'function') queue.push(...((Reflect.getMetadata('imports', entry) as unknown[] | undefined) ?? []));
  }
  return seen;
}

export function startFinanceApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...env });
  const others = PROJECTIONS.filter((p) => p.name !== SLA_TIMERS && p.name !== FINANCE_PROJECTION_NAME);
  const projections = [...others, slaTimersProjectionFromConfig(config), financeProjection];
  const projector = ProjectorModule.forRoot(projections, { runtime: { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 500 } });
  const wired = reachable([ApiModule, projector]);
  const missing = [ReportsModule, SlaReadModule, SlaSchedulerModule].filter((m) => !wired.has(m));
  const core = new Set(coreMigrations().map((m) => m.id));
  const migrations = [...projectionMigrations(projections), ...slaSchedulerMigrations.filter((m) => !core.has(m.id))];
  const module: DynamicModule = missing.length ? { module: FinanceUntilWired, imports: [projector, ...missing] } : projector;
  return startTestApp({ SLA_TICK_MS: '3600000', PROJECTION_BATCH_SIZE: '500', ...env }, { projector: module, projectionMigrations: migrations });
}
