/**
 * The real service as a child process: `npm run build` once, then `node dist/apps/api/src/main.js`
 * with API_TOKENS, LOG_LEVEL=warn, HOST=127.0.0.1 and a free port, on either
 *  - `embedded`: its own embedded PostgreSQL in a temp DATA_DIR (no DATABASE_URL), or
 *  - `local`: the machine's PostgreSQL, a fresh database per run (DATABASE_URL).
 * stop() (also registered as a cleanup) ends the service, the embedded server it leaves behind
 * (it runs in its own process group) and the database or directory.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@app/harness/test-database';
import { TOKENS } from '@app/harness/tokens';
import { embeddedDatabaseUrl, startChildApp, type ChildApp } from '@app/harness/child-process-app';
import { onCleanup } from './cleanup';
import { HttpClient } from './http';

export type Target = 'embedded' | 'local';
export const ROOT = path.resolve(__dirname, '../..');

export { TOKENS };

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

/** The harness's own (harness/child-process-app.ts). */
export { freePort } from '@app/harness/child-process-app';

export async function startApp(options: StartOptions): Promise<RunningApp> {
  buildOnce();
  const label = options.label ?? 'bench';
  let databaseUrl = '';
  let dropDatabase: (() => Promise<void>) | null = null;
  if (options.target === 'local') {
    if (options.databaseUrl) databaseUrl = options.databaseUrl;
    else {
      const db = await createTestDatabase(label);
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `om-${label}-`));
  const profileDir = path.join(dataDir, 'profiles');
  if (options.profile) fs.mkdirSync(profileDir);
  const profileCounter = { n: 0 };
  let child: ChildApp;
  try {
    child = await startChildApp({
      // Built above, once per process (or by the caller: BENCH_SKIP_BUILD).
      build: false,
      dataDir,
      ...(options.target === 'local' ? { databaseUrl } : {}),
      execArgv: options.profile ? ['-r', path.join(__dirname, 'profile-hook.js')] : [],
      env: {
        LOG_LEVEL: 'warn', MODE: 'all', NODE_ENV: 'production',
        ...(options.profile ? { BENCH_PROFILE_DIR: profileDir } : {}),
        ...options.env,
      },
    });
  } catch (error) {
    if (dropDatabase) await dropDatabase().catch(() => undefined);
    throw error;
  }
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await child.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dropDatabase) await dropDatabase().catch((e: Error) => console.error(`drop database: ${e.message}`));
    })();
    return stopped;
  };
  const unregister = onCleanup(`app ${child.process.pid}`, stop);
  const http = new HttpClient(child.url, TOKENS.service);
  try {
    await waitUntilServing(http, child, 120_000);
  } catch (error) {
    await stop();
    unregister();
    throw error;
  }
  if (options.target === 'embedded') databaseUrl = embeddedDatabaseUrl(dataDir);
  return {
    target: options.target,
    url: child.url,
    databaseUrl,
    pid: child.process.pid as number,
    http,
    cpuProfile: (file) => writeProfile(child.process, profileDir, profileCounter, file),
    output: () => child.output(),
    exited: () => child.exited(),
    stop: async () => {
      http.close();
      await stop();
      unregister();
    },
  };
}

/** Serving means /health answers 200: the database is up and the projections are running. */
async function waitUntilServing(http: HttpClient, child: ChildApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited()) throw new Error(`the service exited (${JSON.stringify(child.exited())}) before serving:\n${child.output().slice(-20_000)}`);
    try {
      const res = await http.request('GET', '/health', undefined, { timeoutMs: 2_000 });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the service did not answer /health within ${timeoutMs} ms:\n${child.output().slice(-20_000)}`);
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
