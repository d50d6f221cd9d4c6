import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections/nest';
import { ProjectionsAdminController } from './projections-admin.controller';

/** /admin/*: projections now; the test clock and SLA tick routes belong here too. */
@Module({
  imports: [ProjectionsModule],
  controllers: [ProjectionsAdminController],
})
export class AdminModule {}
