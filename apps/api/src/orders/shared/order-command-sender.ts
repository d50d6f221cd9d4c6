import { BadRequestException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { OrderCommand } from '@app/ordering';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '@app/auth';
import { ExecuteOrderCommand, type CommandResult } from '@app/commands';

const IF_MATCH = /^"?(\d{1,15})"?$/;

/** Turns an HTTP request into the command context (actor, correlation, idempotency, If-Match). */
@Injectable()
export class OrderCommandSender {
  constructor(private readonly commandBus: CommandBus) {}

  send(command: OrderCommand, request: FastifyRequest): Promise<CommandResult> {
    const principal = principalOf(request);
    return this.commandBus.execute(
      new ExecuteOrderCommand(command, {
        actor: { kind: 'token', role: principal.role, tokenName: principal.tokenName },
        correlationId: correlationIdOf(request),
        causationId: request.id ? String(request.id) : undefined,
        idempotencyKey: idempotencyKeyOf(request),
        expectedRevision: expectedRevisionOf(request),
        path: `${request.method} ${request.url.split('?')[0]}`,
        body: request.body ?? {},
      }),
    );
  }
}

/** Set by the correlation hook from `X-Correlation-Id` or made fresh, and echoed in the response. */
export function correlationIdOf(request: FastifyRequest): string {
  const req = request as FastifyRequest & { correlationId?: string };
  req.correlationId ??= randomUUID();
  return req.correlationId;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The Idempotency-Key header, checked (1 to 255 characters). */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = header(request, 'idempotency-key');
  if (key !== undefined && (key.length < 1 || key.length > 255)) {
    throw new BadRequestException({ code: 'validation_failed', message: 'Idempotency-Key must be 1 to 255 characters.', errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }] });
  }
  return key;
}

function expectedRevisionOf(request: FastifyRequest): number | undefined {
  const value = header(request, 'if-match');
  if (value === undefined) return undefined;
  const match = IF_MATCH.exec(value.trim());
  if (!match) {
    throw new BadRequestException({ code: 'validation_failed', message: 'If-Match must be a revision like "3".', errors: [{ field: 'If-Match', message: 'must be a revision number like "3"' }] });
  }
  return Number(match[1]);
}
