import { Command } from '@nestjs/cqrs';
import type { OrderCommand } from '@app/ordering';
import type { CommandContext, CommandResult } from './command-context';

export type { Actor, CommandContext, CommandResult } from './command-context';

/** The single write path: HTTP controllers and the SLA scheduler both send this. */
export class ExecuteOrderCommand extends Command<CommandResult> {
  constructor(readonly command: OrderCommand, readonly context: CommandContext) {
    super();
  }
}
