import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { principalOf, Roles } from '@app/auth';
import type { FastifyRequest } from 'fastify';
import { correlationIdOf } from '../orders/shared/order-command-sender';
import { ProblemException, problem } from '../http/problem';
import { CustomerErasure, CustomerNotFoundError } from './customer-erasure.service';
import { CustomerErasureDto, CustomerIdParams } from './customer-erasure.dto';

/** Erasure requests (docs/privacy.md); admin only. */
@ApiTags('Privacy')
@ApiBearerAuth()
@Roles('admin')
@Controller('customers')
export class CustomerErasureController {
  constructor(private readonly erasure: CustomerErasure) {}

  @Post(':customerId/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase a customer's personal data",
    description: "Deletes the customer's data key (every sealed e-mail, name, address and free text of theirs then reads \"[erased]\"), "
      + 'appends CustomerDataErased to customer-{customerId}, and the read models drop their plaintext copies. Idempotent. '
      + 'Events written before encryption existed keep their plaintext (docs/privacy.md).',
  })
  @ApiOkResponse({ type: CustomerErasureDto })
  @ApiResponse({ status: 404, description: 'customer_not_found: no key and no order of this customer' })
  async erase(@Param() { customerId }: CustomerIdParams, @Req() request: FastifyRequest): Promise<CustomerErasureDto> {
    const principal = principalOf(request);
    try {
      return await this.erasure.erase({
        customerId,
        actor: { type: 'token', role: principal.role, tokenName: principal.tokenName },
        correlationId: correlationIdOf(request),
        causationId: request.id ? String(request.id) : undefined,
      });
    } catch (error) {
      if (error instanceof CustomerNotFoundError) throw new ProblemException(problem(404, error.code, error.message));
      throw error;
    }
  }
}
