import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams } from '../shared/params.dto';
import { ConfirmPaymentDto } from './confirm-payment.dto';
import { FailPaymentDto } from './fail-payment.dto';

@ApiTags('Payment')
@Controller('orders')
export class PaymentController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/payment/confirm')
  @CommandEndpoint({ summary: 'Confirm the payment', description: 'Appends PaymentConfirmed. The amount must be exactly the order total; on a paid order that an edit made dearer, exactly the balance due.' })
  confirm(@Param() { orderId }: OrderIdParams, @Body() body: ConfirmPaymentDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'ConfirmPayment', orderId, transactionId: body.transactionId, amount: body.amount }, request);
  }

  @Post(':orderId/payment/fail')
  @CommandEndpoint({ summary: 'Report a failed payment', description: 'Appends PaymentFailed and OrderCancelled (reason payment_failed).' })
  fail(@Param() { orderId }: OrderIdParams, @Body() body: FailPaymentDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'FailPayment', orderId, reason: body.reason }, request);
  }
}
