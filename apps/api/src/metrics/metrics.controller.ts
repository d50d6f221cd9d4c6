import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { METRICS, type Metrics } from '@app/observability';

const EXAMPLE = [
  '# HELP om_commands_total Order commands by type and outcome (ok, refused:<code>, error)',
  '# TYPE om_commands_total counter',
  'om_commands_total{type="PlaceOrder",outcome="ok"} 42',
  'om_commands_total{type="ConfirmPayment",outcome="refused:payment_amount_mismatch"} 1',
].join('\n');

/** Prometheus text; like /health it needs no token (docs/http-api.md "Access"). */
@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics (no token)',
    description: 'Commands by type and outcome, command and append latency, HTTP requests, projection lag, throughput and failures, '
      + 'SLA scheduler actions, Node.js process metrics. Metric names start with om_.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } } })
  render(): Promise<string> {
    return this.metrics.render();
  }
}
