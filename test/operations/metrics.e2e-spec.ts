/**
 * GET /metrics: Prometheus text with an admin token (or without one on METRICS_PORT), with what operators alert
 * on: commands by type and outcome with their latency, HTTP requests by route template, event
 * store append latency, projection lag, throughput and failures, SLA scheduler actions, and the
 * Node.js process.
 */
import { listenOnMetricsPort, type MetricsPort } from '@app/api/http/operational-access';
import { expectOk, orderBody, ordersApi, startTestApp, type TestApp } from '@app/harness';
import { freePort } from '../reliability/support/processes';
import { eventually } from './support/eventually';
import { parseSamples, samplesOf, valueOf, type Sample } from './support/prometheus';

describe('GET /metrics', () => {
  let t: TestApp;
  let samples: Sample[];
  let contentType: string;

  beforeAll(async () => {
    t = await startTestApp();
    const api = ordersApi(t);
    const admin = t.as('admin');
    await expectOk(t.http.post('/admin/clock').set(admin).send({ now: '2026-03-02T09:00:00Z' }));
    const body = orderBody();
    const orderId = String(body.orderId);
    await expectOk(api.place(body), 201);
    await expectOk(api.post(`/orders/${orderId}/payment/confirm`, { transactionId: 'tx-1', amount: 1 }), 422);
    await expectOk(api.place(orderBody()), 201);
    // The unpaid orders time out: the scheduler cancels them.
    await expectOk(t.http.post('/admin/clock').set(admin).send({ now: '2026-03-03T09:00:30Z' }));
    const tick = await expectOk(t.http.post('/admin/sla/tick').set(admin).send({}));
    expect(tick.body.acted).toBeGreaterThanOrEqual(2);
    await eventually(async () => {
      const read = await expectOk(t.http.get(`/orders/${orderId}`).set(t.as('service')));
      expect(read.body.status).toBe('cancelled');
    });

    expect((await t.http.get('/metrics')).status).toBe(401);
    expect((await t.http.get('/metrics').set(t.as('service'))).status).toBe(403);
    const response = await t.http.get('/metrics').set(admin);
    expect(response.status).toBe(200);
    contentType = response.headers['content-type'];
    samples = parseSamples(response.text);
  });
  afterAll(() => t?.close());

  it('is Prometheus text', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.length).toBeGreaterThan(50);
  });

  it('counts commands by type and outcome, and times them by type and outcome', () => {
    expect(valueOf(samples, 'om_commands_total', { type: 'PlaceOrder', outcome: 'ok' })).toBe(2);
    expect(valueOf(samples, 'om_commands_total', { type: 'ConfirmPayment', outcome: 'refused:payment_amount_mismatch' })).toBe(1);
    expect(valueOf(samples, 'om_commands_total', { type: 'CancelOrder', outcome: 'ok' })).toBe(2);
    expect(valueOf(samples, 'om_command_duration_seconds_count', { type: 'PlaceOrder', outcome: 'ok' })).toBe(2);
    expect(valueOf(samples, 'om_command_duration_seconds_count', { type: 'ConfirmPayment', outcome: 'refused' })).toBe(1);
    expect(samplesOf(samples, 'om_command_duration_seconds_bucket', { type: 'PlaceOrder', outcome: 'ok', le: '+Inf' })).toHaveLength(1);
  });

  it('counts and times HTTP requests by method, route template and status', () => {
    expect(valueOf(samples, 'om_http_requests_total', { method: 'POST', route: '/orders', status: '201' })).toBe(2);
    expect(valueOf(samples, 'om_http_requests_total', { method: 'POST', route: '/orders/:orderId/payment/confirm', status: '422' })).toBe(1);
    expect(valueOf(samples, 'om_http_request_duration_seconds_count', { method: 'GET', route: '/orders/:orderId' })).toBeGreaterThanOrEqual(1);
    // Never the raw URL: ids would make a series per order.
    expect(samplesOf(samples, 'om_http_requests_total').every((s) => !/\/orders\/o-/.test(s.labels.route))).toBe(true);
  });

  it('times event store appends', () => {
    expect(valueOf(samples, 'om_event_store_append_duration_seconds_count')).toBeGreaterThanOrEqual(4);
  });

  it('shows each projection\'s lag, throughput, failure flag and events applied', () => {
    for (const projection of ['order-status', 'sla-timers', 'finance', 'after-sales-report']) {
      expect(valueOf(samples, 'om_projection_lag_events', { projection })).toEqual(expect.any(Number));
      expect(valueOf(samples, 'om_projection_throughput_events_per_second', { projection })).toBeGreaterThanOrEqual(0);
      expect(valueOf(samples, 'om_projection_failed', { projection })).toBe(0);
    }
    // The read above waited for order-status to show one cancellation: both placements and it, at least.
    expect(valueOf(samples, 'om_projection_events_applied', { projection: 'order-status' })).toBeGreaterThanOrEqual(3);
  });

  it('counts the SLA scheduler\'s actions by timer kind and outcome', () => {
    expect(valueOf(samples, 'om_sla_scheduler_actions_total', { kind: 'payment', outcome: 'acted' })).toBe(2);
  });

  it('includes the Node.js process metrics under their standard names, as stock dashboards read them', () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect({ name, present: samplesOf(samples, name).length > 0 }).toEqual({ name, present: true });
    }
    expect(samples.filter((sample) => /^om_(process|nodejs)_/.test(sample.name))).toEqual([]);
  });
});

describe('METRICS_PORT', () => {
  let t: TestApp;
  let port: MetricsPort | undefined;
  let internal: string;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_PORT: String(await freePort()), HOST: '127.0.0.1' });
    port = await listenOnMetricsPort(t.app, t.config);
    internal = `http://127.0.0.1:${port!.address.port}`;
  });
  afterAll(async () => {
    await port?.close();
    await t?.close();
  });

  it('serves /metrics, /docs-json and the probes without a token on the internal port, and nothing else', async () => {
    const metrics = await fetch(`${internal}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('om_http_requests_total');
    expect((await fetch(`${internal}/docs-json`)).status).toBe(200);
    expect((await fetch(`${internal}/health/live`)).status).toBe(200);
    const order = await fetch(`${internal}/orders/o-1`, { headers: t.as('admin') });
    expect(order.status).toBe(404);
    expect(await order.json()).toMatchObject({ code: 'not_found' });
    // The main port still asks for a token.
    expect((await t.http.get('/metrics')).status).toBe(401);
  });
});
