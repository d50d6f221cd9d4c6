import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { mapError } from './error-status';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    sendProblem(reply, error, this.logger);
  }
}

export function sendProblem(reply: FastifyReply, error: unknown, logger: Pick<Logger, 'error'>): void {
  const mapped = mapError(error);
  if (mapped.unexpected) logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
  if (reply.sent) return;
  void reply
    .status(mapped.problem.status)
    .headers({ ...mapped.headers, 'content-type': 'application/problem+json; charset=utf-8' })
    .send(JSON.stringify(mapped.problem));
}
