/**
 * HTTP load with autocannon, in this process: `-p 1` (one request in flight per connection),
 * either open loop at a fixed overall rate (latency corrected for coordinated omission, the
 * autocannon default when a rate is set) or closed loop (saturation). Every request gets a
 * fresh body from `body(n)`.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  token: string;
  method?: 'POST' | 'GET';
  path: (n: number) => string;
  body?: (n: number) => string;
  connections: number;
  seconds: number;
  /** Requests/s over all connections; omitted: as fast as the service answers. */
  rate?: number;
  /** Numbers requests; shared across runs so ids never repeat. */
  counter: { n: number };
}

export interface LoadResult {
  seconds: number;
  rate: number | null;
  /** 2xx answers per second over the run. */
  throughput: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { counter } = options;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 10,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [
          {
            method: options.method ?? 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
            setupRequest: (request: Record<string, unknown>) => {
              counter.n += 1;
              request.path = options.path(counter.n);
              if (options.body) request.body = options.body(counter.n);
              return request;
            },
          },
        ],
      } as autocannon.Options,
      (error, result) => {
        if (error) return reject(error);
        const ok = result['2xx'];
        resolve({
          seconds: options.seconds,
          rate: options.rate ?? null,
          throughput: Math.round(ok / options.seconds),
          sent: result.requests.sent,
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        });
      },
    );
    // A stray exception in a callback must not leave the run going.
    instance.on('error', reject);
  });
}
