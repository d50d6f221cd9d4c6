import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { AfterSalesReportController } from './after-sales-report.controller';
import { RefundReportsController } from './refund-reports.controller';
import { RefundReportsService } from './refund-reports.service';

/**
 * Finance reports and the after-sales service-quality report. Needs PG_POOL and CLOCK (the global InfrastructureModule) and, for
 * ?minPosition=, ProjectionCheckpoints (ProjectionsModule: static and global, one instance).
 */
@Module({
  imports: [ProjectionsModule],
  controllers: [RefundReportsController, AfterSalesReportController],
  providers: [RefundReportsService],
  exports: [RefundReportsService],
})
export class ReportsModule {}
