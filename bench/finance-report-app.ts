/**
 * The reports behind real HTTP: Fastify, the global validation pipe, auth guard and problem filter,
 * the real InfrastructureModule and ReportsModule, as the API serves them.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '@app/auth';
import type { AppConfig } from '@app/config';
import { InfrastructureModule } from '@app/platform';
import { ProblemFilter } from '@app/api/http/problem.filter';
import { createValidationPipe } from '@app/api/http/validation';
import { ReportsModule } from '@app/api/reports/reports.module';

@Module({})
class FinanceBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FinanceBenchModule,
      imports: [InfrastructureModule.forRoot({ config }), ReportsModule],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}

export async function listenReportsApp(config: AppConfig): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await NestFactory.create<NestFastifyApplication>(FinanceBenchModule.forRoot(config), new FastifyAdapter(), { logger: ['error'] });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
