/**
 * The real service as a child process: `npm run build` once, then `node dist/apps/api/src/main.js`
 * with API_TOKENS, LOG_LEVEL=warn, HOST=127.0.0.1 and a free port, on either
 *  - `embedded`: its own embedded PostgreSQL in a temp DATA_DIR (no DATABASE_URL), or
 *  - `local`: the machine's PostgreSQL, a fresh database per run (DATABASE_URL).
 * stop() (also registered as a cleanup) ends the service, the embedded server it leaves behind
 * (it runs in its own process group) and the database or directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stopEmbeddedServerAt } from '@app/database';
import { createTestDatabase } from '../../test/support/test-database';
import { onCleanup } from './cleanup';
import { HttpClient } from './http';

export type Target = 'embedded' | 'local';
export const ROOT = path.resolve(__dirname, '../..');

export const TOKENS = {
  service: 'bench-service-token-000000000001',
  auditor: 'bench-auditor-token-000000000001',
  finance: 'bench-finance-token-000000000001',
  admin: 'bench-admin-token-0000000000001',
};

export interface RunningApp {
  target: Target;
  url: string;
  /** A URL for direct SQL (the embedded server's superuser, or the fresh database). */
  databaseUrl: string;
  pid: number;
  /** Service-role client (keep-alive). */
  http: HttpClient;
  /** Writes a CPU profile of the service since start (only with `profile: true`). */
  cpuProfile(file: string): Promise<void>;
  /** The last 20,000 characters the service wrote (stdout and stderr). */
  output(): string;
  /** How the service ended, if it has. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  target: Target;
  env?: Record<string, string>;
  /** Preload the profiler hook (SIGWINCH writes a .cpuprofile). */
  profile?: boolean;
  /** Keep this database instead of a fresh one (`local` only): the seed's output. */
  databaseUrl?: string;
  label?: string;
}

let built = false;

/** `npm run build` once per process (BENCH_SKIP_BUILD=1 when the caller already built). */
export function buildOnce(): void {
  if (built || process.env.BENCH_SKIP_BUILD === '1') return;
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
  console.log(`  built in ${Date.now() - started} ms`);
  built = true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startApp(options: StartOptions): Promise<RunningApp> {
  buildOnce();
  const label = options.label ?? 'bench';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `om-${label}-`));
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (options.target === 'local') {
    if (options.databaseUrl) databaseUrl = options.databaseUrl;
    else {
      const db = await createTestDatabase(label);
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
  } else databaseUrl = '';
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LOG_LEVEL: 'warn',
    LOG_PRETTY: '0',
    DATA_DIR: dataDir,
    MODE: 'all',
    NODE_ENV: 'production',
    ...options.env,
  };
  if (options.target === 'local') env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  delete env.EVENT_STORE_URL;

  const profileDir = path.join(dataDir, 'profiles');
  if (options.profile) {
    fs.mkdirSync(profileDir);
    env.BENCH_PROFILE_DIR = profileDir;
  }
  const profileCounter = { n: 0 };
  const args = [...(options.profile ? ['-r', path.join(__dirname, 'profile-hook.js')] : []), 'dist/apps/api/src/main.js'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => {
    exit = { code, signal };
    resolve(code);
  }));

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await stopChild(child, exited);
      // The embedded server runs in its own process group: end it if it outlived the service.
      await stopEmbeddedServerAt(path.join(dataDir, 'pg'));
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dropDatabase) await dropDatabase().catch((e: Error) => console.error(`drop database: ${e.message}`));
    })();
    return stopped;
  };
  const unregister = onCleanup(`app ${child.pid}`, stop);

  const url = `http://127.0.0.1:${port}`;
  const http = new HttpClient(url, TOKENS.service);
  try {
    await waitUntilServing(http, exited, () => output, 120_000);
  } catch (error) {
    await stop();
    unregister();
    throw error;
  }
  if (options.target === 'embedded') databaseUrl = embeddedUrl(dataDir);
  return {
    target: options.target,
    url,
    databaseUrl,
    pid: child.pid as number,
    http,
    cpuProfile: (file) => writeProfile(child, profileDir, profileCounter, file),
    output: () => output,
    exited: () => exit,
    stop: async () => {
      http.close();
      await stop();
      unregister();
    },
  };
}

async function waitUntilServing(http: HttpClient, exited: Promise<number | null>, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the service exited (${exitCode}) before serving:\n${output()}`);
    try {
      const res = await http.request('GET', '/health', undefined, { timeoutMs: 2_000 });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the service did not answer /health within ${timeoutMs} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** The embedded cluster's superuser URL: password file and port written by the supervisor. */
function embeddedUrl(dataDir: string): string {
  const pg = path.join(dataDir, 'pg');
  const password = fs.readFileSync(path.join(pg, 'om-superuser-password'), 'utf8').trim();
  const port = Number(fs.readFileSync(path.join(pg, 'postmaster.pid'), 'utf8').split('\n')[3]);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** SIGWINCH to the hook: it writes the samples since its last write (or start) and starts again. */
async function writeProfile(child: ChildProcess, profileDir: string, counter: { n: number }, file: string): Promise<void> {
  counter.n += 1;
  const written = path.join(profileDir, `profile-${counter.n}.cpuprofile`);
  child.kill('SIGWINCH');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !fs.existsSync(`${written}.done`)) await sleep(100);
  if (!fs.existsSync(`${written}.done`)) throw new Error('the service did not write its CPU profile');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.copyFileSync(written, file);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until every projection reports lag 0 in /health (bounded). */
export async function waitForProjections(http: HttpClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await http.request('GET', '/health');
    const body = JSON.parse(res.body) as { projections?: Record<string, { state: string; lag: number }> };
    const projections = Object.values(body.projections ?? {});
    last = JSON.stringify(body.projections);
    if (projections.length && projections.every((p) => p.lag === 0 && p.state === 'running')) return;
    await sleep(250);
  }
  throw new Error(`projections did not catch up within ${timeoutMs} ms: ${last}`);
}
