/**
 * The one way to run the service as a child process, as production runs it: `npm run build`, then
 * `node dist/apps/api/src/main.js` (or the projector's main) on a free port of 127.0.0.1. What a
 * fault does to the process shows (a crash is an exit, not a hung test), and Node's own errors
 * reach the service's code as in production. Every child started here is killed (and the embedded PostgreSQL
 * it may leave, which runs in its own process group) by killChildren(), which suites call in
 * afterAll/afterEach, and at the latest when the test process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stopEmbeddedServerAt } from '@app/database';
import { API_TOKENS } from './tokens';

export const ROOT = path.resolve(__dirname, '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildApp {
  url: string;
  /** The same as url. */
  baseUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything written to stdout so far (the JSON log lines). */
  stdout(): string;
  stderr(): string;
  /** stdout then stderr, as far as read. */
  output(): string;
  /** The exit, or null while the process runs. */
  exited(): Exit | null;
  /** The exit, or null if the process is still running after `ms`. */
  waitForExit(ms: number): Promise<Exit | null>;
  /** SIGTERM (SIGKILL after 20 s), then the embedded server it may leave, then its DATA_DIR when the harness made it. */
  stop(): Promise<void>;
}

export interface ChildAppOptions {
  /** External PostgreSQL; omitted: the embedded one in `<dataDir>/pg`. */
  databaseUrl?: string;
  /** Default: a fresh temporary directory, removed by stop(). */
  dataDir?: string;
  /** Node options before the entry point (e.g. `-r` a profiler hook). */
  execArgv?: string[];
  /** false: the caller has built already (the benchmarks build once for a whole run). */
  build?: boolean;
  env?: Record<string, string>;
  /** The projector process (MODE=projector, no HTTP) instead of the API. */
  projector?: boolean;
}

/** Variables the service reads: none leaks in from the test's own environment. */
const SERVICE_VARIABLES = /^(PORT|HOST|DATA_DIR|DATABASE_URL|EVENT_STORE_URL|API_TOKENS|MODE|LOG_LEVEL|LOG_PRETTY|HOLIDAYS|BUSINESS_TZ|SLA_.*|TEST_CLOCK|PG_POOL_SIZE|PROJECTION_BATCH_SIZE|PII_.*|NATS_URL|WEBHOOK_.*|PUBLIC_BASE_URL|TRACKING_.*|SMTP_URL|MAIL_FROM|STAFF_EMAIL)$/;

const children = new Set<ChildApp>();
let built = false;

/** `npm run build` once per test file; a lock keeps suites in parallel workers from building over each other. */
export async function buildOnce(): Promise<void> {
  if (built) return;
  await withLock(path.join(os.tmpdir(), `om-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`), () => {
    const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal}): ${result.stderr}`);
  });
  built = true;
}

/** Builds first (once per test process, unless told the caller did): the child runs what `npm run build` makes, never a stale dist. */
export async function startChildApp(options: ChildAppOptions): Promise<ChildApp> {
  if (options.build !== false) await buildOnce();
  const port = await freePort();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'om-child-'));
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !SERVICE_VARIABLES.test(entry[0])),
  );
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_TOKENS,
    LOG_LEVEL: 'info',
    LOG_PRETTY: '0',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const main = options.projector ? 'dist/apps/projector/src/main.js' : 'dist/apps/api/src/main.js';
  const child = spawn(process.execPath, ['--enable-source-maps', ...(options.execArgv ?? []), main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // 'close', not 'exit': by then stdout and stderr are read to their end.
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve((exit = { code, signal }))));
  let stopped: Promise<void> | null = null;
  const app: ChildApp = {
    url: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => stdout + stderr,
    exited: () => exit,
    stop: () => {
      stopped ??= (async () => {
        if (!exit) {
          child.kill('SIGTERM');
          if (!(await app.waitForExit(20_000))) {
            child.kill('SIGKILL');
            await exited;
          }
        }
        // An embedded PostgreSQL (no DATABASE_URL) outlives a killed parent by design: stop it too.
        await stopEmbeddedServerAt(path.join(dataDir, 'pg')).catch(() => killEmbeddedPostgres(dataDir));
        children.delete(app);
        if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
    waitForExit: (ms) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
      return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    },
  };
  children.add(app);
  // The API is up once /health answers at all (200 or 503: migrations ran, the port is open);
  // the projector once it says so.
  const ready = options.projector
    ? async () => stdout.includes('projector running')
    : () => fetch(`${app.url}/health`).then(() => true, () => false);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited at start: ${stderr}${stdout.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the service was not up within 60 s: ${stderr}${stdout.slice(-4000)}`);
    if (await ready()) return app;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills every child still running and the embedded PostgreSQL of each, then forgets them. */
export async function killChildren(): Promise<void> {
  for (const app of [...children]) {
    if (app.process.exitCode === null && app.process.signalCode === null) {
      app.process.kill('SIGKILL');
      await app.waitForExit(5_000);
    }
    killEmbeddedPostgres(app.dataDir);
    children.delete(app);
  }
}

// The last resort when a suite died before its afterAll: nothing outlives the test process.
process.once('exit', () => {
  for (const app of children) {
    app.process.kill('SIGKILL');
    killEmbeddedPostgres(app.dataDir);
  }
});

/** Postmasters running on `<dataDir>/pg`, found by their command line (`postgres -D <dir>`). */
export function postgresProcessesFor(dataDir: string): number[] {
  const pgData = path.resolve(dataDir, 'pg');
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return path.basename(args[0]) === 'postgres' && args[args.indexOf('-D') + 1] === pgData;
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
}

/** A superuser URL of the embedded server while it runs (its port is in postmaster.pid). */
export function embeddedDatabaseUrl(dataDir: string): string {
  const pgData = path.join(dataDir, 'pg');
  const port = fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[3].trim();
  const password = fs.readFileSync(path.join(pgData, 'om-superuser-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

function killEmbeddedPostgres(dataDir: string): void {
  for (const pid of postgresProcessesFor(dataDir)) {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown; it has nothing worth keeping
    } catch {
      /* already gone */
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function withLock(lockDir: string, work: () => void): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run: no build takes minutes.
      const held = fs.statSync(lockDir, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 120 s for ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
