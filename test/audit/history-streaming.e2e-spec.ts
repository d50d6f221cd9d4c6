/**
 * The history of a 10,000-event order streams in bounded memory, as NDJSON and as JSON: the live
 * heap while the body goes out stays a small fraction of the body (measured after forced GCs,
 * never timed). The JSON answer is still byte for byte JSON.stringify({ orderId, events }).
 * Before the JSON answer was streamed, the same measurement saw it hold the whole history
 * (peak above half the body): the samples can see a history held whole.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore, type NewEvent } from '@app/event-store';
import { startTestApp, TOKENS, type TestApp } from '@app/harness';
import { streamAndSampleHeap } from './support/heap';

const EVENTS = 10_000;
const PER_APPEND = 500;
/** About 1 kB per event, so the whole body (~12 MB) dwarfs one page of the store's reads (500 events). */
const PADDING = 'x'.repeat(900);
const SAMPLE_EVERY = 256 * 1024;

describe('the history of a 10,000-event order, streamed', () => {
  let t: TestApp;
  let url: string;
  const orderId = `long-${Date.now().toString(36)}`;

  beforeAll(async () => {
    // MODE=api: no projector folding these 10,000 events in the same heap while we measure.
    t = await startTestApp({ MODE: 'api' });
    const store = new PostgresEventStore(t.pool);
    for (let from = 0; from < EVENTS; from += PER_APPEND) {
      const events: NewEvent[] = Array.from({ length: PER_APPEND }, (_, i) => ({
        eventId: randomUUID(),
        type: 'ComplaintResponded',
        data: { complaintId: `cmp-${from + i}`, message: PADDING },
        metadata: { actor: { type: 'token', role: 'service', tokenName: 'bench' }, occurredAt: new Date().toISOString(), schemaVersion: 1 },
      }));
      await store.append(`order-${orderId}`, events, from === 0 ? 'no_stream' : from - 1);
    }
    await store.close();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${port}/orders/${orderId}/events`;
  }, 120_000);
  afterAll(() => t?.close());

  const auditor = { authorization: `Bearer ${TOKENS.auditor}` };

  it('streams every event, one a line, while the live heap stays far below the size of the body', async () => {
    const streamed = await streamAndSampleHeap(url, { ...auditor, accept: 'application/x-ndjson' }, SAMPLE_EVERY);
    expect(streamed.status).toBe(200);
    expect(streamed.contentType).toMatch(/^application\/x-ndjson/);
    expect(streamed.lines).toBe(EVENTS);
    expect(streamed.bytes).toBeGreaterThan(EVENTS * 1000);
    expect(streamed.samples).toBeGreaterThan(30);
    // Live at once: a page of the store's read and one of the decrypting view's (500 events each),
    // about a tenth of the body; measured at about a sixth. Holding the history whole is 100% (below).
    expect(streamed.peakHeapGrowth).toBeLessThan(streamed.bytes / 3);
  });

  it('streams the JSON answer too, with the live heap far below the size of the body', async () => {
    const streamed = await streamAndSampleHeap(url, auditor, SAMPLE_EVERY);
    expect(streamed.status).toBe(200);
    expect(streamed.contentType).toMatch(/^application\/json/);
    expect(streamed.bytes).toBeGreaterThan(EVENTS * 1000);
    expect(streamed.samples).toBeGreaterThan(30);
    expect(streamed.peakHeapGrowth).toBeLessThan(streamed.bytes / 3);
  });

  it('answers JSON byte for byte as JSON.stringify of { orderId, events } with the events NDJSON gives', async () => {
    const [json, lines] = await Promise.all([getText(url, auditor), getText(url, { ...auditor, accept: 'application/x-ndjson' })]);
    const events = lines.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(events).toHaveLength(EVENTS);
    expect(json === JSON.stringify({ orderId, events })).toBe(true);
  });

});

function getText(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    }).on('error', reject);
  });
}
