/**
 * A webhook receiver for the outbound benchmark: a plain Node http server on 127.0.0.1 that
 * answers 204 at once and keeps only what the figures need (when each event arrived, whether it
 * came twice, whether an order's events came in order), so a million deliveries fit in memory.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchReceiver {
  url: string;
  /** Distinct event ids received. */
  readonly distinct: number;
  /** Requests for an event id already received (a retry or a duplicate). */
  readonly duplicates: number;
  /** Events that arrived with a `sequence` lower than an earlier one of the same order. */
  readonly outOfOrder: number;
  /** performance.now() when the first event of each subject (order) arrived. */
  firstArrival: Map<string, number>;
  close(): Promise<void>;
}

export async function startBenchReceiver(): Promise<BenchReceiver> {
  const seen = new Set<string>();
  const lastSequence = new Map<string, number>();
  const firstArrival = new Map<string, number>();
  let duplicates = 0;
  let outOfOrder = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = performance.now();
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; subject: string; sequence: string };
      if (seen.has(event.id)) duplicates += 1;
      else {
        seen.add(event.id);
        const sequence = Number(event.sequence);
        if (sequence < (lastSequence.get(event.subject) ?? -1)) outOfOrder += 1;
        lastSequence.set(event.subject, sequence);
        if (!firstArrival.has(event.subject)) firstArrival.set(event.subject, arrived);
      }
      res.writeHead(204);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    get distinct() {
      return seen.size;
    },
    get duplicates() {
      return duplicates;
    },
    get outOfOrder() {
      return outOfOrder;
    },
    firstArrival,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
