import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. One registry per process (per app instance in tests), so
 * two apps in one test process do not share counters.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'om_commands_total',
    help: 'Order commands by type and outcome (ok, refused:<code>, error)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'om_command_duration_seconds',
    help: 'Time to decide and append one order command, by type and outcome (ok, refused, error)',
    // Refusals are decided without an append, so they would hide slow appends if mixed in.
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'om_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'om_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'om_event_store_append_duration_seconds',
    help: 'Event store append latency',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly projectionResubscriptions = new Counter({
    name: 'om_projection_resubscriptions_total',
    help: 'Live subscriptions a projection dropped because the log head stayed ahead while nothing arrived (PROJECTION_STALL_MS)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  // Projection metrics are read from the checkpoint table at scrape time (apps/api/src/metrics):
  // right in every MODE, whichever process runs the projection. Several replicas report the same
  // values, so aggregate them with max(), not sum().
  readonly projectionLag = new Gauge({
    name: 'om_projection_lag_events',
    help: 'Events between the store head and each projection checkpoint',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionThroughput = new Gauge({
    name: 'om_projection_throughput_events_per_second',
    help: 'Events per second each projection applied over the last 10 s of commits',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionFailed = new Gauge({
    name: 'om_projection_failed',
    help: '1 while a projection is failed (stuck on one event, retrying with backoff), else 0',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionEventsApplied = new Gauge({
    name: 'om_projection_events_applied',
    help: "Events applied to each projection's live tables (a rebuild restarts the count)",
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  // Outbound delivery (docs/outbound.md), per subscription, read from its tables at scrape time
  // like the projection metrics (right in every MODE; aggregate replicas with max()).
  readonly outboundDelivered = new Gauge({
    name: 'om_outbound_delivered_events',
    help: 'Events delivered to each subscription since it was created',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly outboundFailed = new Gauge({
    name: 'om_outbound_failed_attempts',
    help: 'Delivery attempts that failed (retried, dead-lettered or 410) per subscription since it was created',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly outboundDead = new Gauge({
    name: 'om_outbound_dead_letters',
    help: 'Dead letters waiting per subscription (replayable; the subscription is failing while any wait)',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly outboundLag = new Gauge({
    name: 'om_outbound_lag_events',
    help: 'Events not yet delivered per subscription (queued, plus those in the log not yet read)',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly outboundLagSeconds = new Gauge({
    name: 'om_outbound_lag_seconds',
    help: 'Age of the oldest undelivered event per subscription',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  readonly schedulerActions = new Counter({
    name: 'om_sla_scheduler_actions_total',
    help: 'Timeout commands sent by the SLA scheduler by timer kind and outcome (acted, refused, retry, unavailable)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Standard names (process_*, nodejs_*), as stock dashboards and alerts expect; only the service's own carry om_.
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a refresh run just before each scrape (e.g. projection lag from the checkpoints). */
  onScrape(refresh: () => Promise<void>): void {
    this.scrapeHooks.push(refresh);
  }

  async render(): Promise<string> {
    await Promise.all(this.scrapeHooks.map((hook) => hook().catch(() => undefined)));
    return this.registry.metrics();
  }

  private readonly scrapeHooks: Array<() => Promise<void>> = [];
}

export const METRICS = Symbol('METRICS');
