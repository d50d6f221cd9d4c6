import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@app/auth';
import {
  CreatedSubscriptionDto, CreateSubscriptionDto, DeliveriesQuery, DeliveryPageDto, ReplayAcceptedDto, ReplayDto, RotatedSecretDto,
  SubscriptionDto, SubscriptionIdParams, SubscriptionListDto,
} from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

const NOT_FOUND = { status: 404, description: 'subscription_not_found' } as const;

/** Outbound events (docs/outbound.md): webhooks and a broker, delivered from the log; admin only. */
@ApiTags('Subscriptions')
@ApiBearerAuth()
@Roles('admin')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook or a NATS subject to order events', description: 'A webhook answer holds its signing secret: shown only here (and by rotate-secret).' })
  @ApiCreatedResponse({ type: CreatedSubscriptionDto })
  @ApiResponse({ status: 409, description: 'subscription_exists' })
  @ApiResponse({ status: 422, description: 'nats_not_configured: a nats sink while NATS_URL is unset' })
  create(@Body() body: CreateSubscriptionDto): Promise<CreatedSubscriptionDto> {
    return this.subscriptions.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription with its state, lag and last delivery' })
  @ApiOkResponse({ type: SubscriptionListDto })
  async list(): Promise<SubscriptionListDto> {
    return { items: await this.subscriptions.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription: state (active, paused, failing), lag in events and seconds, last delivery' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiResponse(NOT_FOUND)
  get(@Param() { id }: SubscriptionIdParams): Promise<SubscriptionDto> {
    return this.subscriptions.get(id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop delivering (events keep queueing; nothing is lost)' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiResponse(NOT_FOUND)
  pause(@Param() { id }: SubscriptionIdParams): Promise<SubscriptionDto> {
    return this.subscriptions.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver again; dead letters are tried again from their first attempt' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiResponse(NOT_FOUND)
  resume(@Param() { id }: SubscriptionIdParams): Promise<SubscriptionDto> {
    return this.subscriptions.resume(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: "A new webhook secret; the previous one keeps signing alongside it for 24 h" })
  @ApiOkResponse({ type: RotatedSecretDto })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 422, description: 'not_a_webhook' })
  rotateSecret(@Param() { id }: SubscriptionIdParams): Promise<RotatedSecretDto> {
    return this.subscriptions.rotateSecret(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the subscription, its queue and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse(NOT_FOUND)
  delete(@Param() { id }: SubscriptionIdParams): Promise<void> {
    return this.subscriptions.delete(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery attempts, newest first: time, status code, duration, the first 1 KiB of the answer' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiResponse(NOT_FOUND)
  deliveries(@Param() { id }: SubscriptionIdParams, @Query() query: DeliveriesQuery): Promise<DeliveryPageDto> {
    return this.subscriptions.deliveries(id, query);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Deliver again from any point of the log (no age limit)',
    description: 'Exactly one of fromPosition (that event included), fromTime (events that occurred at or after it) or orderId (all its events). Receivers see the same event ids again.',
  })
  @ApiAcceptedResponse({ type: ReplayAcceptedDto })
  @ApiResponse(NOT_FOUND)
  async replay(@Param() { id }: SubscriptionIdParams, @Body() body: ReplayDto): Promise<ReplayAcceptedDto> {
    return { subscriptionId: id, replay: await this.subscriptions.replay(id, body) };
  }
}
