import { Module } from '@nestjs/common';
import { CancelOrderController } from './cancelling/cancel-order.controller';
import { ChangesController } from './changes/changes.controller';
import { ComplaintsController } from './complaints/complaints.controller';
import { PaymentController } from './payment/payment.controller';
import { PlaceOrderController } from './placing/place-order.controller';
import { RefundsController } from './refunds/refunds.controller';
import { ReturnsController } from './returns/returns.controller';
import { ShippingController } from './shipping/shipping.controller';

/** Every command route (docs/http-api.md "Writes"); each needs OrderCommandSender (and the edits, OrderEditPreviewer) from the importing module. */
export const ORDER_COMMAND_CONTROLLERS = [
  PlaceOrderController,
  PaymentController,
  CancelOrderController,
  ShippingController,
  ReturnsController,
  RefundsController,
  ComplaintsController,
  ChangesController,
];

@Module({ controllers: ORDER_COMMAND_CONTROLLERS })
export class OrdersCommandsModule {}
