import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ProblemDto } from '../orders/problem.dto';
import { OrderIdParams } from '../orders/shared/params.dto';
import { TrackingLinks } from './tracking-links';
import { RotateTrackingLinkDto, TrackingLinkDto } from './tracking.dto';

const ERRORS: Record<number, string> = {
  400: 'validation_failed: a malformed order id, or a field in the body of rotate (its body is `{}`)',
  401: 'unauthenticated: no or unknown bearer token',
  403: 'forbidden: only the service role handles tracking links',
  404: 'order_not_found',
};

function TrackingLinkEndpoint(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    Roles('service'),
    ApiOperation({ summary, description }),
    ApiOkResponse({ type: TrackingLinkDto }),
    ...Object.entries(ERRORS).map(([status, text]) => ApiResponse({
      status: Number(status),
      description: text,
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    })),
  );
}

/** The service hands the link to the customer (e-mails, the shop's own pages) and replaces a leaked one. */
@ApiTags('Tracking')
@ApiBearerAuth()
@ApiExtraModels(ProblemDto)
@Controller('orders/:orderId/tracking-link')
export class TrackingLinksController {
  constructor(private readonly links: TrackingLinks) {}

  @Get()
  @TrackingLinkEndpoint("The order's tracking page link", 'Made on first use for an order placed before links existed.')
  async get(@Param() { orderId }: OrderIdParams): Promise<TrackingLinkDto> {
    return { url: await this.links.linkOf(orderId) };
  }

  @Post('rotate')
  @HttpCode(200)
  @TrackingLinkEndpoint('Replace the tracking link', 'The old link answers 404 from now on, like any unknown link; the answer is the new one.')
  async rotate(@Param() { orderId }: OrderIdParams, @Body() _body: RotateTrackingLinkDto): Promise<TrackingLinkDto> {
    return { url: await this.links.rotate(orderId) };
  }
}
