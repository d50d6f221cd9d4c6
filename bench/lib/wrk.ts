/**
 * Load from `wrk` (Debian's package): a C load generator in its own process, one thread, so the
 * service keeps the CPU it would have with a remote client (autocannon in Node took a core of its
 * own on this 2-core machine). A Lua script gives each request a new order id (and, when asked, a
 * new Idempotency-Key) and prints the figures as one JSON line at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkOptions {
  url: string;
  token: string;
  /** The request body with `ORDERIDMARKER` where each request's order id goes. */
  bodyTemplate: string;
  connections: number;
  seconds: number;
  idempotencyKey?: boolean;
  /** Makes ids unique across runs against one database. */
  runId: string;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  /** 2xx answers per second. */
  throughput: number;
  non2xx: number;
  socketErrors: number;
  p50: number;
  p99: number;
}

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `wrk -v` prints its version and exits 1: found.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const lua = (options: WrkOptions, marker: string): string => {
  const [head, tail] = options.bodyTemplate.split(marker);
  return `
local counter = 0
local head = ${JSON.stringify(head)}
local tail = ${JSON.stringify(tail)}
local run = ${JSON.stringify(options.runId)}
request = function()
  counter = counter + 1
  local id = run .. "-" .. counter
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer ${options.token}" }
  ${options.idempotencyKey ? 'headers["Idempotency-Key"] = "k-" .. id' : ''}
  return wrk.format("POST", "/orders", headers, head .. id .. tail)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"non2xx":%d,"socket":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
};

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const marker = 'ORDERIDMARKER';
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'om-wrk-')), 'place.lua');
  fs.writeFileSync(script, lua(options, marker));
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', script, `${options.url}/orders`];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}: ${out}`))));
  });
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const line = output.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const raw = JSON.parse(line.slice('WRKJSON '.length)) as { requests: number; duration_us: number; non2xx: number; socket: number; p50_us: number; p99_us: number };
  const seconds = raw.duration_us / 1e6;
  return {
    requests: raw.requests,
    seconds,
    throughput: (raw.requests - raw.non2xx) / seconds,
    non2xx: raw.non2xx,
    socketErrors: raw.socket,
    p50: raw.p50_us / 1000,
    p99: raw.p99_us / 1000,
  };
}
