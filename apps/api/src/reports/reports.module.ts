import { Module } from '@nestjs/common';
import { RefundReportsController } from './refund-reports.controller';
import { RefundReportsService } from './refund-reports.service';

/** Finance reports. Needs PG_POOL and CLOCK, which the global InfrastructureModule provides. */
@Module({
  controllers: [RefundReportsController],
  providers: [RefundReportsService],
  exports: [RefundReportsService],
})
export class ReportsModule {}
