import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from './embedded/free-port';
import { postgresBinDir } from './embedded/postgres-binaries';
import { ensureTraversable, resolveRunAs, type RunAs } from './embedded/run-as';
import { liveServerUsers, registerServerUser, unregisterServerUser } from './embedded/server-users';
import { inspectPostmasterPid } from './embedded/stale-postmaster';

export interface EmbeddedPostgresOptions {
  /** The cluster's own directory (the service uses DATA_DIR/pg). */
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
  /**
   * Bring the server back (same port, with backoff) when it dies under us, e.g. kill -9 of the
   * postmaster: the service's pool answers 503 meanwhile and reconnects by itself afterwards.
   */
  supervise?: boolean;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Leaves the server: stops it unless another live process (the service, a CLI) still uses it. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'om-superuser-password';
const READY_TIMEOUT_MS = 30_000;
const SUPERVISE_EVERY_MS = 500;
const RESTART_BACKOFF_MS = { first: 500, max: 15_000 };

interface Cluster {
  pgData: string;
  binDir: string;
  runAs: RunAs;
  password: string;
  log: (message: string) => void;
}

/**
 * Starts (or joins) a private PostgreSQL cluster in `dataDir`: initdb on first use, a free
 * local port, password auth on 127.0.0.1 only. Data survives restarts; a server already running
 * on the directory (left by a killed process, or used by a live service) is joined; a stale
 * postmaster.pid is cleared. Every process using the server registers itself (server-users.ts):
 * the last one to leave stops it, so a CLI run beside the service never takes its database away.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const pgData = path.resolve(options.dataDir);
  const runAs = resolveRunAs();
  const binDir = postgresBinDir(runAs, log);
  prepareDirectory(pgData, runAs, log);

  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) initCluster(binDir, pgData, runAs, log);
  const cluster: Cluster = { pgData, binDir, runAs, log, password: fs.readFileSync(path.join(pgData, PASSWORD_FILE), 'utf8').trim() };

  // Registered before joining: a user leaving meanwhile sees us and leaves the server running.
  registerServerUser(pgData);
  let port: number;
  try {
    port = await runServer(cluster, options.port);
  } catch (error) {
    unregisterServerUser(pgData);
    throw error;
  }
  const supervisor = options.supervise ? superviseServer(cluster, port) : null;
  return {
    url: connectionUrl(cluster.password, port),
    port,
    async stop() {
      await supervisor?.stop();
      const others = unregisterServerUser(pgData);
      if (others.length) {
        log(`embedded PostgreSQL: left running for the processes still using it (pid ${others.join(', ')})`);
        return;
      }
      await stopEmbeddedServerAt(pgData);
    },
  };
}

/** Joins the server running on the cluster, or starts one (on `port`, or a free one); answers its port. */
async function runServer(cluster: Cluster, port?: number): Promise<number> {
  const live = inspectPostmasterPid(cluster.pgData);
  if (live) {
    const users = liveServerUsers(cluster.pgData).filter((pid) => pid !== process.pid);
    cluster.log(
      users.length
        ? `embedded PostgreSQL: joining the server (pid ${live.pid}, port ${live.port}) used by pid ${users.join(', ')}`
        : `embedded PostgreSQL: adopting the server left running (pid ${live.pid}, port ${live.port})`,
    );
    await waitUntilReady(connectionUrl(cluster.password, live.port), () => undefined);
    return live.port;
  }
  const chosen = port ?? (await findFreePort());
  try {
    await spawnServer(cluster, chosen);
    return chosen;
  } catch (error) {
    // Another process started the server at the same moment (postgres refused: lock file exists): join it.
    const winner = inspectPostmasterPid(cluster.pgData);
    if (!winner) throw error;
    await waitUntilReady(connectionUrl(cluster.password, winner.port), () => undefined);
    return winner.port;
  }
}

async function spawnServer(cluster: Cluster, port: number): Promise<void> {
  const { pgData, binDir, runAs, log } = cluster;
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
  await waitUntilReady(connectionUrl(cluster.password, port), () => {
    if (child.exitCode !== null) throw new Error(`embedded PostgreSQL exited with code ${child.exitCode}: ${stderr.slice(-2000)}`);
  });
  log(`embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${pgData})`);
}

/**
 * Watches the postmaster; when it is gone without anyone stopping it (killed, crashed), starts
 * it again on the same port (the pool's URL stays valid), waiting longer after each failure
 * (the old server's backends may still hold its shared memory for a moment).
 */
function superviseServer(cluster: Cluster, port: number): { stop(): Promise<void> } {
  let stopped = false;
  let restarting: Promise<void> | null = null;
  let backoff = RESTART_BACKOFF_MS.first;
  let nextAttempt = 0;
  const timer = setInterval(() => {
    if (stopped || restarting || Date.now() < nextAttempt) return;
    if (inspectPostmasterPid(cluster.pgData)) {
      backoff = RESTART_BACKOFF_MS.first;
      return;
    }
    cluster.log(`embedded PostgreSQL: the server is gone; starting it again on port ${port}`);
    restarting = runServer(cluster, port)
      .then(() => {
        backoff = RESTART_BACKOFF_MS.first;
        cluster.log('embedded PostgreSQL: server back');
      })
      .catch((error: Error) => {
        cluster.log(`embedded PostgreSQL: restart failed (${error.message.split('\n')[0]}); next attempt in ${backoff} ms`);
        nextAttempt = Date.now() + backoff;
        backoff = Math.min(backoff * 2, RESTART_BACKOFF_MS.max);
      })
      .finally(() => (restarting = null));
  }, SUPERVISE_EVERY_MS);
  timer.unref();
  return {
    // A restart under way finishes first, so that the caller's stop finds the server it started.
    async stop() {
      stopped = true;
      clearInterval(timer);
      await restarting;
    },
  };
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

/**
 * Stops the server running on this data directory, if any (fast shutdown, immediate after 10 s),
 * whoever uses it: for tools that own the directory (bench), not for a process sharing it.
 */
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
