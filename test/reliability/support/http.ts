/**
 * A small HTTP client over real sockets (fetch, keep-alive), with a deadline per request so a
 * request that hangs fails the test instead of the test hanging. No latency is asserted: the
 * deadline is generous and only says "it answered at all".
 */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** JSON-encoded unless a string or Buffer (sent as is). */
  body?: unknown;
  deadlineMs?: number;
}

export const DEFAULT_DEADLINE_MS = 30_000;

/** A request that did not answer within its deadline (or could not connect). */
export class NoAnswerError extends Error {
  constructor(readonly method: string, readonly url: string, readonly reason: unknown) {
    super(`${method} ${url}: no answer (${(reason as Error)?.message ?? String(reason)})`);
  }
}

export async function call(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = `${baseUrl}${path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(options.deadlineMs ?? DEFAULT_DEADLINE_MS) });
    text = await response.text();
  } catch (error) {
    throw new NoAnswerError(method, path, error);
  }
  let body: unknown = undefined;
  if (text && /json/.test(response.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Runs `tasks` with at most `limit` in flight; answers the results in order. */
export async function pooled<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await tasks[index]();
    }
  });
  await Promise.all(workers);
  return results;
}

/** One line of figures in the test output (docs/reliability.md quotes them). */
export function report(suite: string, figures: Record<string, unknown>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  process.stderr.write(`[reliability] ${suite}: ${parts.join(' ')}\n`);
}

/**
 * A read with `?minPosition=` until the read model has the write. The server waits up to 5 s and
 * answers 503 projection_lagging after that, which on a shared cluster (the gap rule holds readers
 * back while any older transaction runs, other suites' included) is no failure: ask again.
 */
export async function readOwnWrite(baseUrl: string, path: string, position: string, headers: Record<string, string>, timeoutMs = 60_000): Promise<HttpAnswer> {
  const deadline = Date.now() + timeoutMs;
  const separator = path.includes('?') ? '&' : '?';
  for (;;) {
    const answer = await call(baseUrl, 'GET', `${path}${separator}minPosition=${encodeURIComponent(position)}`, { headers });
    if (answer.status !== 503 || answer.body?.code !== 'projection_lagging' || Date.now() > deadline) return answer;
  }
}

/** Silent logs and a bigger pool: these suites drive several apps hard on one database. */
export const RELIABILITY_ENV = { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PG_POOL_SIZE: '10' };
