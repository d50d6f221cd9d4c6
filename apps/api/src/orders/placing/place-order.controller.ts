import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { newOrderId } from './new-order-id';
import { PlaceOrderDto } from './place-order.dto';
import { toPlaceOrder } from './to-place-order';

@ApiTags('Placing')
@Controller('orders')
export class PlaceOrderController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post()
  @CommandEndpoint({
    summary: 'Place an order',
    description: 'Appends OrderPlaced. Placing the same orderId again with the same body answers the first answer again; with another body, 409.',
    creates: true,
  })
  place(@Body() body: PlaceOrderDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    const orderId = body.orderId ?? newOrderId(idempotencyKeyOf(request));
    return this.sender.send(toPlaceOrder(orderId, body), request);
  }
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}
