import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams } from '../shared/params.dto';
import { withoutAbsent } from '../shared/without-absent';
import { IssueRefundDto } from './issue-refund.dto';

@ApiTags('Refunds')
@Controller('orders')
export class RefundsController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/refunds')
  @CommandEndpoint({
    summary: 'Issue a refund',
    description: 'Appends RefundIssued with the breakdown the server computes (goods, shipping, return shipping, processing fee).',
  })
  issue(@Param() { orderId }: OrderIdParams, @Body() body: IssueRefundDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(
      withoutAbsent({
        type: 'IssueRefund',
        orderId,
        refundId: body.refundId,
        reason: body.reason,
        destination: body.destination,
        returnId: body.returnId,
        editId: body.editId,
        lines: body.lines?.map(({ lineId, quantity }) => ({ lineId, quantity })),
        amount: body.amount,
      }),
      request,
    );
  }
}
