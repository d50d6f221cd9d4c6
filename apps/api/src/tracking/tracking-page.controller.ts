import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { Pool } from 'pg';
import { Public } from '@app/auth';
import { PG_POOL } from '@app/database';
import { CUSTOMER_LOCALES, type BusinessCalendar } from '@app/ordering';
import { BUSINESS_CALENDAR } from '@app/platform';
import { findOrderViewAndState } from '@app/projections/order-status';
import { problem } from '../http/problem';
import { ProblemDto } from '../orders/problem.dto';
import { pageLocale } from './page-locale';
import { TrackingLinks } from './tracking-links';
import { notFoundPageHtml, trackingPageHtml } from './tracking-page.html';
import { TrackedOrderDto } from './tracking.dto';
import { trackedOrder } from './tracked-order';

/**
 * What every answer of this page carries, found or not, so an unknown link cannot be told from
 * a known one by its headers. The token is in the URL: nothing is cached, nothing is sent on as
 * a referrer. (Its content security policy, the inline style and nothing else, is set with every
 * other route's in http/security-headers.ts.)
 */
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  vary: 'Accept, Accept-Language',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
};

const NOT_FOUND = problem(404, 'tracking_link_not_found', 'No order is tracked at this link.');

/** The customer's tracking page (docs/tracking.md): public, the link is the only key. */
@ApiTags('Tracking')
@ApiExtraModels(ProblemDto, TrackedOrderDto)
@Controller('track')
export class TrackingPageController {
  constructor(
    private readonly links: TrackingLinks,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BUSINESS_CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: "A customer's tracking page",
    description: 'HTML when the client asks for `text/html` (browsers do); otherwise the same content as JSON. No personal data. '
      + 'Language: `?lang=`, else Accept-Language, else the order\'s `customer.locale`, else en. Rate-limited per client address.',
  })
  @ApiParam({ name: 'token', description: 'The token of the link POST /orders answered' })
  @ApiQuery({ name: 'lang', required: false, enum: CUSTOMER_LOCALES })
  @ApiOkResponse({
    description: 'The order, its items and refunds, each explained: a page, or the same as JSON',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TrackedOrderDto) } },
      'text/html': { schema: { type: 'string', description: 'A self-contained HTML page' } },
    },
  })
  @ApiResponse({
    status: 400,
    description: 'validation_failed: the token or a query value holds U+0000 or an unpaired surrogate',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  @ApiResponse({
    status: 404,
    description: 'tracking_link_not_found: unknown, replaced or malformed link (always the same answer); an HTML page when text/html is asked for',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  @ApiResponse({
    status: 429,
    description: 'rate_limited: too many requests from this address (Retry-After)',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  })
  async page(
    @Param('token') token: string,
    // No DTO: parameters the page does not know (a mail client's utm_*) are ignored, not refused; the pipe still refuses unstorable text.
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lang = query.lang;
    const acceptLanguage = request.headers['accept-language'];
    const json = wantsJson(request.headers.accept);
    const orderId = await this.links.orderIdOf(token);
    // A link made a moment ago may lead to an order the read model has not caught up with: not found yet, like any other.
    const found = orderId === null ? null : await findOrderViewAndState(this.pool, orderId);
    void reply.headers(PAGE_HEADERS);
    if (!found) {
      if (json) return void reply.status(404).type('application/problem+json; charset=utf-8').send(JSON.stringify(NOT_FOUND));
      return void reply.status(404).type('text/html; charset=utf-8').send(notFoundPageHtml(pageLocale(lang, acceptLanguage, undefined)));
    }
    const order = trackedOrder(found.view, found.state, pageLocale(lang, acceptLanguage, found.state.customer.locale), this.calendar);
    if (json) return void reply.status(200).type('application/json; charset=utf-8').send(JSON.stringify(order));
    return void reply.status(200).type('text/html; charset=utf-8').send(trackingPageHtml(order, this.calendar));
  }
}

/**
 * HTML for whoever asks for it by name (every browser does); JSON, and problem+json errors like
 * the rest of the API, for everyone else: any type, and no Accept at all, included.
 */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) !== 'text/html';
}
