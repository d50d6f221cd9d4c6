import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams, OrderLineParams } from '../shared/params.dto';
import { withoutAbsent } from '../shared/without-absent';
import { ConfirmReceiptDto } from './confirm-receipt.dto';
import { DispatchShipmentDto } from './dispatch-shipment.dto';
import { MarkItemDeliveredDto } from './mark-item-delivered.dto';
import { MarkItemDeliveryFailedDto } from './mark-item-delivery-failed.dto';
import { ShipReplacementDto } from './ship-replacement.dto';

@ApiTags('Shipping')
@Controller('orders')
export class ShippingController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/shipments')
  @CommandEndpoint({ summary: 'Dispatch a shipment', description: 'Appends ShipmentDispatched. Only paid orders ship, only lines awaiting shipment.' })
  dispatch(@Param() { orderId }: OrderIdParams, @Body() body: DispatchShipmentDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    const { shipmentId, lineIds, carrier, trackingNumber } = body;
    return this.sender.send({ type: 'DispatchShipment', orderId, shipmentId, lineIds: [...lineIds], carrier, trackingNumber }, request);
  }

  @Post(':orderId/lines/:lineId/delivered')
  @CommandEndpoint({ summary: 'Record a line as delivered', description: 'Appends ItemDelivered.' })
  delivered(@Param() { orderId, lineId }: OrderLineParams, @Body() body: MarkItemDeliveredDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(withoutAbsent({ type: 'MarkItemDelivered', orderId, lineId, deliveredAt: body.deliveredAt }), request);
  }

  @Post(':orderId/lines/:lineId/delivery-failed')
  @CommandEndpoint({ summary: "Record a line's delivery as failed", description: 'Appends ItemDeliveryFailed; the line is then re-shipped or refunded.' })
  deliveryFailed(
    @Param() { orderId, lineId }: OrderLineParams,
    @Body() body: MarkItemDeliveryFailedDto,
    @Req() request: FastifyRequest,
  ): Promise<CommandResult> {
    return this.sender.send({ type: 'MarkItemDeliveryFailed', orderId, lineId, reason: body.reason }, request);
  }

  @Post(':orderId/replacements')
  @CommandEndpoint({ summary: 'Ship a replacement', description: 'Appends ReplacementShipped, for lines whose delivery failed or an exchange return.' })
  replace(@Param() { orderId }: OrderIdParams, @Body() body: ShipReplacementDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    const { shipmentId, lineIds, carrier, trackingNumber, returnId } = body;
    return this.sender.send(
      withoutAbsent({ type: 'ShipReplacement', orderId, shipmentId, lineIds: [...lineIds], carrier, trackingNumber, returnId }),
      request,
    );
  }

  @Post(':orderId/receipt')
  @CommandEndpoint({ summary: 'Confirm receipt by the buyer', description: 'Appends ReceiptConfirmed (by buyer) for the named delivered lines, or every delivered one.' })
  receipt(@Param() { orderId }: OrderIdParams, @Body() body: ConfirmReceiptDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(withoutAbsent({ type: 'ConfirmReceipt', orderId, lineIds: body.lineIds && [...body.lineIds], by: 'buyer' }), request);
  }
}
