import { Global, Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { SLA_TICK } from './sla-tick';
import { SlaSchedulerService } from './sla-scheduler.service';

/**
 * The scheduler: only where the projector runs (MODE=all and projector). Global so that its
 * SLA_TICK reaches the test-clock controller of the HTTP side; needs the CommandBus and the
 * write path's handler (CqrsModule.forRoot() and CommandsModule, imported by both app modules).
 */
@Global()
@Module({
  imports: [ProjectionsModule],
  providers: [SlaSchedulerService, { provide: SLA_TICK, useExisting: SlaSchedulerService }],
  exports: [SLA_TICK, SlaSchedulerService],
})
export class SlaSchedulerModule {}
