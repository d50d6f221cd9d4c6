import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { RefundReportsController } from './refund-reports.controller';
import { RefundReportsService } from './refund-reports.service';

/**
 * Finance reports. Needs PG_POOL and CLOCK (the global InfrastructureModule) and, for
 * ?minPosition=, ProjectionCheckpoints (ProjectionsModule: static and global, one instance).
 */
@Module({
  imports: [ProjectionsModule],
  controllers: [RefundReportsController],
  providers: [RefundReportsService],
  exports: [RefundReportsService],
})
export class ReportsModule {}
