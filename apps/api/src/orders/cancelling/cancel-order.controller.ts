import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams } from '../shared/params.dto';
import { CancelOrderDto } from './cancel-order.dto';

@ApiTags('Cancelling')
@Controller('orders')
export class CancelOrderController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/cancel')
  @CommandEndpoint({
    summary: 'Cancel the order',
    description: 'Appends OrderCancelled. Refused once any line has shipped (422 cancel_after_shipment); a paid order then has a full refund due.',
  })
  cancel(@Param() { orderId }: OrderIdParams, @Body() body: CancelOrderDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'CancelOrder', orderId, reason: body.reason, by: body.by }, request);
  }
}
