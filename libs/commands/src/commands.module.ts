import { Module } from '@nestjs/common';
import { Database, DATABASE } from '@app/database';
import { IdempotencyStore } from './idempotency-store';
import { OrderCommandHandler } from './order-command.handler';

/**
 * The write path, shared by the HTTP API and the SLA scheduler (both send ExecuteOrderCommand).
 * Needs InfrastructureModule (@app/platform) and CqrsModule.forRoot() in the app.
 */
@Module({
  providers: [
    OrderCommandHandler,
    { provide: IdempotencyStore, useFactory: (database: Database) => new IdempotencyStore(database.pool), inject: [DATABASE] },
  ],
})
export class CommandsModule {}
