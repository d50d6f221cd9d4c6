import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams, OrderReturnParams } from '../shared/params.dto';
import { withoutAbsent } from '../shared/without-absent';
import { ApproveReturnDto } from './approve-return.dto';
import { DispatchReturnDto } from './dispatch-return.dto';
import { ReceiveReturnDto } from './receive-return.dto';
import { CompleteRepairDto } from './complete-repair.dto';
import { RejectReturnDto } from './reject-return.dto';
import { RequestReturnDto } from './request-return.dto';

@ApiTags('Returns')
@Controller('orders')
export class ReturnsController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/returns')
  @CommandEndpoint({ summary: 'Request a return', description: 'Appends ReturnRequested. Windows and returnability follow the reason and the line category.' })
  request(@Param() { orderId }: OrderIdParams, @Body() body: RequestReturnDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(
      withoutAbsent({
        type: 'RequestReturn',
        orderId,
        returnId: body.returnId,
        lines: body.lines.map(({ lineId, quantity }) => ({ lineId, quantity })),
        reason: body.reason,
        resolution: body.resolution,
        note: body.note,
        exchangeFor: body.exchangeFor?.map(({ lineId, sku, name, quantity, unitPrice, category }) => ({ lineId, sku, name, quantity, unitPrice, category })),
      }),
      request,
    );
  }

  @Post(':orderId/returns/:returnId/approve')
  @CommandEndpoint({ summary: 'Approve a return', description: 'Appends ReturnApproved. The body is `{}`.' })
  approve(@Param() { orderId, returnId }: OrderReturnParams, @Body() _body: ApproveReturnDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'ApproveReturn', orderId, returnId }, request);
  }

  @Post(':orderId/returns/:returnId/reject')
  @CommandEndpoint({ summary: 'Reject a return', description: 'Appends ReturnRejected; the lines go back where they were.' })
  reject(@Param() { orderId, returnId }: OrderReturnParams, @Body() body: RejectReturnDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'RejectReturn', orderId, returnId, reason: body.reason }, request);
  }

  @Post(':orderId/returns/:returnId/dispatch')
  @CommandEndpoint({ summary: 'Record the return as sent by the customer', description: 'Appends ReturnDispatched.' })
  dispatch(@Param() { orderId, returnId }: OrderReturnParams, @Body() body: DispatchReturnDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    const { carrier, trackingNumber, shippingCost } = body;
    return this.sender.send({ type: 'DispatchReturn', orderId, returnId, carrier, trackingNumber, shippingCost }, request);
  }

  @Post(':orderId/returns/:returnId/receive')
  @CommandEndpoint({ summary: 'Receive and inspect a return', description: 'Appends ReturnReceived. Passed with resolution refund: a refund is due.' })
  receive(@Param() { orderId, returnId }: OrderReturnParams, @Body() body: ReceiveReturnDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(withoutAbsent({ type: 'ReceiveReturn', orderId, returnId, inspection: body.inspection, note: body.note }), request);
  }

  @Post(':orderId/returns/:returnId/repaired')
  @CommandEndpoint({
    summary: 'Send the repaired item back to the customer',
    description: 'Appends RepairCompleted (a return with resolution repair, received and passed): the line ships again.',
  })
  repaired(@Param() { orderId, returnId }: OrderReturnParams, @Body() body: CompleteRepairDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    const { shipmentId, carrier, trackingNumber } = body;
    return this.sender.send({ type: 'CompleteRepair', orderId, returnId, shipmentId, carrier, trackingNumber }, request);
  }
}
