/** A webhook receiver: a real Node http server on 127.0.0.1, recording every request, answering as the test says. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; subject: string; sequence: string; position: string; time: string; data: Record<string, unknown>; [key: string]: unknown };
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (the sender's timeout must fire). */
  hang?: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Events answered 2xx, in the order they arrived. */
  accepted: Received[];
  answer: (respond: (request: Received, index: number) => Answer) => void;
  waitFor: (predicate: () => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const accepted: Received[] = [];
  let respond: (request: Received, index: number) => Answer = () => ({ status: 204 });
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { headers: req.headers, body, event: JSON.parse(body) };
      received.push(entry);
      const answer = respond(entry, received.length - 1);
      if (answer.hang) {
        hanging.add(res);
        return;
      }
      if (answer.status >= 200 && answer.status < 300) accepted.push(entry);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    accepted,
    answer: (fn) => (respond = fn),
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`receiver: condition not met within ${timeoutMs} ms (${received.length} requests received)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until `check` holds (a condition on the service's state). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
