import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { OrderReadsController } from './order-reads.controller';

/** The read side of the HTTP API (docs/http-api.md "Reads"); sla and finance reads join here. */
@Module({
  imports: [ProjectionsModule],
  controllers: [OrderReadsController],
})
export class QueriesModule {}
