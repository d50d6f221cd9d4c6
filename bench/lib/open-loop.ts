/**
 * A true open-loop driver: request i is due at start + i / rate, whatever happened to the
 * earlier ones, and its latency counts from that due time (so a stalled service cannot hide
 * its queue: no coordinated omission). Keep-alive sockets, as many as are in flight.
 *
 * Why beside autocannon: autocannon's `overallRate` gives each connection a quota per second
 * and sends it back to back from the start of each second, then idles, so the offered load is a
 * burst every second at the concurrency of its connections rather than an even rate.
 */
import { Latency } from './histogram';
import type { HttpClient } from './http';

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  /** 2xx answers per second, from the first request's due time to the last answer (a service that falls behind answers late, and this shows it). */
  throughput: number;
  latency: Latency;
  /** Requests that never started because too many were in flight (the service fell behind). */
  dropped: number;
}

export async function runOpenLoop(http: HttpClient, options: { rate: number; seconds: number; request: (n: number) => { method: string; path: string; body?: unknown }; counter: { n: number }; maxInFlight?: number }): Promise<OpenLoopResult> {
  const latency = new Latency();
  const total = Math.round(options.rate * options.seconds);
  const maxInFlight = options.maxInFlight ?? 4_000;
  const inFlight = new Set<Promise<void>>();
  let ok = 0;
  let failed = 0;
  let dropped = 0;
  const started = performance.now();
  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && started + (i * 1000) / options.rate <= now) {
      const due = started + (i * 1000) / options.rate;
      i += 1;
      if (inFlight.size >= maxInFlight) {
        dropped += 1;
        continue;
      }
      options.counter.n += 1;
      const { method, path, body } = options.request(options.counter.n);
      const p = http.request(method, path, body, { timeoutMs: 30_000 }).then(
        (res) => {
          if (res.status >= 200 && res.status < 300) {
            ok += 1;
            latency.record(performance.now() - due);
          } else failed += 1;
        },
        () => void (failed += 1),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    if (i < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1, started + (i * 1000) / options.rate - performance.now()))));
  }
  const sendWindow = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  const elapsed = Math.max((performance.now() - started) / 1000, options.seconds);
  return { rate: options.rate, seconds: Math.round(sendWindow * 10) / 10, sent: total - dropped, ok, failed, throughput: Math.round(ok / elapsed), latency, dropped };
}
