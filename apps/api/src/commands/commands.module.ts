import { Module } from '@nestjs/common';
import { OrderCommandHandler } from './order-command.handler';

/** The write path, shared by the HTTP API and the SLA scheduler (both send ExecuteOrderCommand). */
@Module({ providers: [OrderCommandHandler] })
export class CommandsModule {}
