import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { SlaTimersController } from './sla-timers.controller';

/** GET /sla/timers: every process that serves HTTP (MODE=all and api). */
@Module({
  imports: [ProjectionsModule],
  controllers: [SlaTimersController],
})
export class SlaReadModule {}
