import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { METRICS, type Metrics } from '@app/observability';

const EXAMPLE = [
  '# HELP om_commands_total Order commands by type and outcome (ok, refused:<code>, error)',
  '# TYPE om_commands_total counter',
  'om_commands_total{type="PlaceOrder",outcome="ok"} 42',
  'om_commands_total{type="ConfirmPayment",outcome="refused:payment_amount_mismatch"} 1',
].join('\n');

/** Prometheus text. Public to the Nest guard: http/operational-access.ts decides (admin token, or METRICS_PORT). */
@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Public()
  @Get()
  @ApiBearerAuth()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics (admin token; no token on METRICS_PORT)',
    description: 'Commands by type and outcome, command and append latency, HTTP requests, projection lag, throughput and failures, '
      + 'SLA scheduler actions (names start with om_), and the Node.js process metrics (process_*, nodejs_*).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } } })
  render(): Promise<string> {
    return this.metrics.render();
  }
}
