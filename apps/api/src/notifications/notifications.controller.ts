import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { Roles } from '@app/auth';
import { PG_POOL } from '@app/database';
import { orderStream, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { EMAIL_SUBSCRIPTION_ID, NotificationStore } from '@app/projections/notifications';
import { ProblemException, problem } from '../http/problem';
import { ProblemDto } from '../orders/problem.dto';
import { OrderIdParams } from '../orders/shared/params.dto';
import { OrderNotificationsDto } from './notifications.dto';

const ERRORS: Record<number, string> = {
  400: 'validation_failed: a malformed order id',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: only the service and admin roles see notifications',
  404: 'order_not_found',
};

/** What the customer and staff were emailed about an order (docs/notifications.md). */
@ApiTags('Notifications')
@ApiBearerAuth()
@ApiExtraModels(ProblemDto)
@Controller('orders/:orderId/notifications')
export class NotificationsController {
  private readonly notifications: NotificationStore;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(RAW_EVENT_STORE) private readonly store: EventStore) {
    this.notifications = new NotificationStore(pool);
  }

  @Get()
  @Roles('service', 'admin')
  @ApiOperation({ summary: "The order's emails: sent, pending or failed", description: 'Each email from its first attempt, recipients masked.' })
  @ApiOkResponse({ type: OrderNotificationsDto })
  @ApiResponse({ status: 400, description: ERRORS[400], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  @ApiResponse({ status: 401, description: ERRORS[401], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  @ApiResponse({ status: 403, description: ERRORS[403], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  @ApiResponse({ status: 404, description: ERRORS[404], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  async list(@Param() { orderId }: OrderIdParams): Promise<OrderNotificationsDto> {
    await this.requireOrder(orderId);
    const records = await this.notifications.forOrder(orderId, EMAIL_SUBSCRIPTION_ID);
    return {
      orderId,
      notifications: records.map((r) => ({
        kind: r.kind, audience: r.audience, recipient: r.recipient, state: r.state,
        at: (r.sentAt ?? r.lastAttemptAt).toISOString(), attempts: r.attempts, eventType: r.eventType, eventId: r.eventId,
      })),
    };
  }

  private async requireOrder(orderId: string): Promise<void> {
    for await (const _event of this.store.readStream(orderStream(orderId), { maxCount: 1 })) return;
    throw new ProblemException(problem(404, 'order_not_found', `Order ${orderId} does not exist.`));
  }
}
