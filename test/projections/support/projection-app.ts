/** The real app with the projector running in-process (MODE=all) and the read and admin routes. */
import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from '@app/api/api.module';
import { AdminModule } from '@app/api/admin/admin.module';
import { QueriesModule } from '@app/api/queries/queries.module';
import { ProjectorModule } from '../../../apps/projector/src/projector.module';
import { projectionMigrations } from '@app/projections/registry';
import { startTestApp, type TestApp } from '@app/test-support';

@Module({})
class ReadRoutesUntilWired {}

/**
 * Until ApiModule imports QueriesModule and AdminModule (the lead's wiring), the tests mount
 * them beside the projector; once it does, this adds nothing (a route mounted twice would fail).
 */
function projectorWithReads(): DynamicModule {
  const projector = ProjectorModule.forRoot(undefined, { runtime: { standbyRetryMs: 100, backoffBaseMs: 20, backoffMaxMs: 500 } });
  const apiImports: unknown[] = Reflect.getMetadata('imports', ApiModule) ?? [];
  const missing = [QueriesModule, AdminModule].filter((m) => !apiImports.includes(m));
  return missing.length ? { module: ReadRoutesUntilWired, imports: [projector, ...missing] } : projector;
}

export function startProjectionApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ PROJECTION_BATCH_SIZE: '500', ...env }, { projector: projectorWithReads(), projectionMigrations: projectionMigrations() });
}
