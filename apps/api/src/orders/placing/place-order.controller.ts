import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { idempotencyKeyOf, OrderCommandSender } from '../shared/order-command-sender';
import { TrackingLinks } from '../../tracking/tracking-links';
import { PlaceOrderResultDto } from '../../tracking/tracking.dto';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { newOrderId } from './new-order-id';
import { PlaceOrderDto } from './place-order.dto';
import { toPlaceOrder } from './to-place-order';

@ApiTags('Placing')
@Controller('orders')
export class PlaceOrderController {
  constructor(private readonly sender: OrderCommandSender, private readonly trackingLinks: TrackingLinks) {}

  @Post()
  @CommandEndpoint({
    summary: 'Place an order',
    description: 'Appends OrderPlaced. Placing the same orderId again with the same body answers the first answer again; with another body, 409. '
      + "The answer carries the order's tracking page link for the customer (docs/tracking.md), the same on a retry.",
    creates: true,
    result: PlaceOrderResultDto,
  })
  async place(@Body() body: PlaceOrderDto, @Req() request: FastifyRequest): Promise<PlaceOrderResultDto> {
    const orderId = body.orderId ?? newOrderId(idempotencyKeyOf(request));
    const result = await this.sender.send(toPlaceOrder(orderId, body), request);
    // Made after the order exists, and again on a retry (the same link): the event log knows nothing of it.
    return { ...result, trackingUrl: await this.trackingLinks.ensure(result.orderId) };
  }
}
