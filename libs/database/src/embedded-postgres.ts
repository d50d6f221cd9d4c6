import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from './embedded/free-port';
import { postgresBinDir } from './embedded/postgres-binaries';
import { ensureTraversable, resolveRunAs, type RunAs } from './embedded/run-as';
import { inspectPostmasterPid } from './embedded/stale-postmaster';

export interface EmbeddedPostgresOptions {
  /** The cluster's own directory (the service uses DATA_DIR/pg). */
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'om-superuser-password';
const READY_TIMEOUT_MS = 30_000;

/**
 * Starts (or adopts) a private PostgreSQL cluster in `dataDir`: initdb on first use, a free
 * local port, password auth on 127.0.0.1 only. Data survives restarts; a server left running by
 * a killed parent is adopted; a stale postmaster.pid is cleared.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const pgData = path.resolve(options.dataDir);
  const binDir = postgresBinDir();
  const runAs = resolveRunAs();
  prepareDirectory(pgData, runAs, log);

  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) initCluster(binDir, pgData, runAs, log);
  const password = fs.readFileSync(path.join(pgData, PASSWORD_FILE), 'utf8').trim();

  const live = inspectPostmasterPid(pgData);
  if (live) {
    log(`embedded PostgreSQL: adopting the server left running (pid ${live.pid}, port ${live.port})`);
    const url = connectionUrl(password, live.port);
    await waitUntilReady(url, () => undefined);
    return { url, port: live.port, stop: () => stopPid(live.pid) };
  }

  const port = options.port ?? (await findFreePort());
  const child = spawn(
    path.join(binDir, 'postgres'),
    ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Own process group: a Ctrl-C meant for Node must not stop the database under our feet;
    // we stop it ourselves after the pools are closed.
    { uid: runAs.uid, gid: runAs.gid, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (stderr.length < 20_000) stderr += text;
    for (const line of text.split('\n')) if (line.trim()) log(`postgres: ${line.trim()}`);
  });
  child.unref();
  const url = connectionUrl(password, port);
  await waitUntilReady(url, () => {
    if (child.exitCode !== null) throw new Error(`embedded PostgreSQL exited with code ${child.exitCode}: ${stderr.slice(-2000)}`);
  });
  log(`embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${pgData})`);
  return { url, port, stop: () => stopChild(child) };
}

function prepareDirectory(pgData: string, runAs: RunAs, log: (m: string) => void): void {
  fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) {
    fs.chownSync(pgData, runAs.uid, runAs.gid ?? runAs.uid);
    const opened = ensureTraversable(pgData, runAs);
    if (opened.length) log(`embedded PostgreSQL: allowed ${runAs.user} to pass through ${opened.join(', ')} (o+x) to reach its data`);
  }
  fs.chmodSync(pgData, 0o700);
}

function initCluster(binDir: string, pgData: string, runAs: RunAs, log: (m: string) => void): void {
  const password = randomBytes(24).toString('base64url');
  const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'om-initdb-')), 'pw');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) {
    fs.chownSync(path.dirname(pwFile), runAs.uid, runAs.gid ?? runAs.uid);
    fs.chownSync(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
  }
  try {
    const result = spawnSync(
      path.join(binDir, 'initdb'),
      ['-D', pgData, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
      { uid: runAs.uid, gid: runAs.gid, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    if (result.status !== 0) throw new Error(`initdb failed (${result.status}): ${result.stderr || result.error?.message}`);
  } finally {
    fs.rmSync(path.dirname(pwFile), { recursive: true, force: true });
  }
  const passwordPath = path.join(pgData, PASSWORD_FILE);
  fs.writeFileSync(passwordPath, password, { mode: 0o600 });
  if (runAs.uid !== undefined) fs.chownSync(passwordPath, runAs.uid, runAs.gid ?? runAs.uid);
  log(`embedded PostgreSQL: created a new cluster in ${pgData}`);
}

function connectionUrl(password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

async function waitUntilReady(url: string, checkAlive: () => void): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    checkAlive();
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS} ms: ${(lastError as Error)?.message}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 10_000))),
  ]);
  clearTimeout(timer);
  if (timedOut) child.kill('SIGQUIT');
}

/** Stops the server running on this data directory, if any (fast shutdown, immediate after 10 s). */
export async function stopEmbeddedServerAt(pgData: string): Promise<void> {
  const live = inspectPostmasterPid(pgData);
  if (live) await stopPid(live.pid);
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    /* already gone */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
