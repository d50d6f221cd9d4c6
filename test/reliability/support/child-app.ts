/**
 * The real service entry point (apps/api/src/main.ts, as `npm start` runs it, compiled on the fly
 * like jest compiles the tests) in a child process of its own: what a fault does to the process
 * shows (a crash is an exit, not a hung test), its stdout and stderr are captured, and Node's own
 * errors are seen by the service's code exactly as in production (in-process under jest they come
 * from another realm, and `instanceof Error` says no).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOKENS } from '../../support/test-app';
import { forkTs, freePort, killAndWait, postmasterPid } from './processes';

const ROOT = path.resolve(__dirname, '../../..');

export interface ChildApp {
  baseUrl: string;
  child: ChildProcess;
  /** Its DATA_DIR (the embedded PostgreSQL in `pg/` when no DATABASE_URL is given). */
  dataDir: string;
  /** Everything the process wrote so far (stdout then stderr, interleaved as received). */
  output(): string;
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** SIGTERM, then SIGKILL if it does not exit. */
  stop(): Promise<void>;
}

export async function startChildApp(env: Record<string, string>, entry = 'apps/api/src/main.ts'): Promise<ChildApp> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-child-'));
  const child = forkTs(path.join(ROOT, entry), {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LOG_LEVEL: 'warn',
    LOG_PRETTY: '0',
    SLA_TICK_MS: '3600000',
    ...env,
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.once('exit', (code, signal) => (exit = { code, signal }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: ChildApp = {
    baseUrl,
    child,
    dataDir,
    output: () => chunks.join(''),
    exited: () => exit,
    async stop() {
      if (!exit && child.pid) await killAndWait(child.pid, 'SIGTERM', 20_000).catch(() => killAndWait(child.pid!, 'SIGKILL'));
      // An embedded PostgreSQL (no DATABASE_URL) outlives a killed parent by design: stop it too.
      const postmaster = postmasterPid(path.join(dataDir, 'pg'));
      if (postmaster) await killAndWait(postmaster, 'SIGQUIT').catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Ready when it answers /health (whatever the status: the database may be down on purpose).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit) throw new Error(`the app exited during start (${JSON.stringify(exit)}):\n${app.output().slice(-3000)}`);
    try {
      await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      return app;
    } catch {
      if (Date.now() > deadline) {
        await app.stop();
        throw new Error(`the app did not answer within 60 s:\n${app.output().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
