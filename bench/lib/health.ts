/** Projection lag as /health reports it (events behind the store's head, per projection). */
import type { HttpClient } from './http';

export async function projectionLag(http: HttpClient): Promise<number> {
  const res = await http.request('GET', '/health', undefined, { timeoutMs: 10_000 });
  const body = JSON.parse(res.body) as { projections?: Record<string, { lag: number }> };
  return Math.max(0, ...Object.values(body.projections ?? {}).map((p) => p.lag ?? 0));
}

/** Waits (bounded) until every projection is caught up; answers the time it took in ms, or -1 on timeout. */
export async function drainProjections(http: HttpClient, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await projectionLag(http)) === 0) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  return -1;
}
