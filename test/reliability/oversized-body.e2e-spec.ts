/**
 * A body over the limit is answered 413 payload_too_large problem+json, and the client always
 * reads that answer: before, the server closed the connection while the client was still
 * sending, the unread bytes reset it, and Node's fetch said `fetch failed` about 1 time in 3.
 * Node's fetch and curl, 2 MiB and 20 MiB, 50 times each, against the real service in a process
 * of its own (in the test's process the client and the server share one event loop, which hides
 * the race).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TOKENS, type TestDatabase } from '@app/harness';
import { startChildApp, type ChildApp } from '@app/harness/child-process-app';

const TRIES = 50;
const SIZES = [2 * 1024 * 1024, 20 * 1024 * 1024];

/** Valid JSON of `bytes` bytes: a long string in an object. */
function bodyOf(bytes: number): Buffer {
  return Buffer.from(`{"orderId":"x","padding":"${'a'.repeat(bytes - 30)}"}`);
}

describe('a body over the limit', () => {
  let db: TestDatabase;
  let app: ChildApp;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('oversized');
    app = await startChildApp({ databaseUrl: db.url, env: { LOG_LEVEL: 'warn', SLA_TICK_MS: '3600000', MODE: 'api' } });
    url = `${app.baseUrl}/orders`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-oversized-'));
  }, 120_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app?.stop();
    await db?.drop();
  });

  it.each(SIZES)('of %d bytes is answered 413 problem+json to Node\'s fetch, every time', async (size) => {
    const body = bodyOf(size);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < TRIES; i += 1) {
      let outcome: string;
      try {
        const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.service}` } });
        const problem = (await res.json()) as { code?: string };
        outcome = `${res.status} ${res.headers.get('content-type')?.split(';')[0]} ${problem.code}`;
      } catch (error) {
        outcome = `${(error as Error).message} (${String((error as { cause?: Error }).cause?.message)})`;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ '413 application/problem+json payload_too_large': TRIES });
  }, 180_000);

  it.each(SIZES)('of %d bytes is answered 413 problem+json to curl, every time', async (size) => {
    const file = path.join(dir, `body-${size}.json`);
    fs.writeFileSync(file, bodyOf(size));
    const outcomes = new Map<string, number>();
    for (let i = 0; i < TRIES; i += 1) {
      const { stdout } = await promisify(execFile)('curl', [
        '-s', '-o', '-', '-w', '\n%{http_code} %{content_type}', '-X', 'POST', url, '--data-binary', `@${file}`,
        '-H', 'content-type: application/json', '-H', `authorization: Bearer ${TOKENS.service}`,
      ], { maxBuffer: 1024 * 1024 }).catch((error: { code?: number; stdout?: string }) => ({ stdout: `curl exit ${error.code}: ${error.stdout ?? ''}` }));
      const [answer, status] = stdout.split('\n');
      let code: unknown;
      try {
        code = (JSON.parse(answer) as { code?: string }).code;
      } catch {
        code = answer.slice(0, 80);
      }
      const outcome = `${status?.split(';')[0]} ${String(code)}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ '413 application/problem+json payload_too_large': TRIES });
  }, 180_000);
});
