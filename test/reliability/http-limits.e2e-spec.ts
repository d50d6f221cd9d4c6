/**
 * The HTTP server's limits against abuse (docs/operations.md "HTTP limits"), on a real port: a
 * flood of wrong tokens from one address is throttled (429 problem+json with Retry-After), a
 * burst of valid requests from one token is not, a client trickling its headers is cut off
 * after the header timeout, and connections beyond the cap are refused.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApp, TOKENS, type TestApp } from '@app/harness';

const BURST = 3000;
const CONCURRENCY = 50;

/** Sends `count` requests, `CONCURRENCY` at a time, and counts the answers by status. */
async function burst(url: string, count: number, headers: Record<string, string>): Promise<{ statuses: Map<number, number>; limited?: Response }> {
  const statuses = new Map<number, number>();
  let limited: Response | undefined;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const res = await fetch(url, { headers });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429 && !limited) limited = res;
      else await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { statuses, limited };
}

describe('HTTP limits', () => {
  let t: TestApp;
  let base: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ HEADERS_TIMEOUT_MS: '1000', MAX_CONNECTIONS: '200' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it(`answers a burst of ${BURST} requests of one valid token, never 429`, async () => {
    const { statuses } = await burst(`${base}/orders/no-such-order`, BURST, { authorization: `Bearer ${TOKENS.service}` });
    expect(Object.fromEntries(statuses)).toEqual({ 404: BURST });
  }, 120_000);

  it('throttles a burst of wrong tokens from one address: 429 problem+json with Retry-After', async () => {
    const { statuses, limited } = await burst(`${base}/orders/no-such-order`, 200, { authorization: 'Bearer not-a-token-of-this-service' });
    expect(statuses.get(401)).toBe(t.config.httpLimits.anonymousRequests);
    expect(statuses.get(429)).toBe(200 - t.config.httpLimits.anonymousRequests);
    expect(limited?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    // The valid token of the same address is not affected, and probes are never counted.
    expect((await fetch(`${base}/orders/no-such-order`, { headers: { authorization: `Bearer ${TOKENS.service}` } })).status).toBe(404);
    expect((await fetch(`${base}/health`)).status).not.toBe(429);
  }, 60_000);

  it('believes no X-Forwarded-For from a peer that is not a trusted proxy: a new forged address does not escape the limit', async () => {
    // The previous test used up this address's allowance.
    const forged = await fetch(`${base}/orders/no-such-order`, { headers: { authorization: 'Bearer not-a-token-of-this-service', 'x-forwarded-for': '203.0.113.7' } });
    expect(forged.status).toBe(429);
  });

  it('closes a connection whose headers do not arrive within the header timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined); // a write racing the server's close resets the socket
    // One header line every 200 ms, forever: only the server can end this (Node's own default waits 60 s and more).
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    // The 408 is sent before closing, but a write of ours may reset the socket before it is read.
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  }, 20_000);

  it('refuses connections beyond the cap', async () => {
    const sockets = await Promise.all(Array.from({ length: t.config.httpLimits.maxConnections }, () => new Promise<net.Socket>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    })));
    try {
      const extra = net.connect(port, '127.0.0.1');
      const ended = await new Promise<string>((resolve) => {
        extra.on('error', () => resolve('error'));
        extra.on('close', () => resolve('closed'));
        extra.on('data', () => resolve('answered'));
        extra.on('connect', () => extra.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n'));
      });
      expect(ended).not.toBe('answered');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 20_000);
});
