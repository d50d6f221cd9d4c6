/**
 * Processes a test starts (projector children, a private PostgreSQL): tracked by pid and killed
 * when the test is done, when it fails, and when the jest worker exits, so nothing outlives a
 * failed run. Only pids this module started or was given are ever signalled.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const owned = new Set<number>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const pid of owned) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

/** Remember a pid to kill at exit (a server started through a library, for instance). */
export function own(pid: number): void {
  hookExit();
  owned.add(pid);
}

export function disown(pid: number): void {
  owned.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a pid and waits until it is gone (polling; a generous bound, not a timing check). */
export async function killAndWait(pid: number, signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    disown(pid);
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still alive ${timeoutMs} ms after ${signal}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  disown(pid);
}

const REGISTER_TS = path.resolve(__dirname, '../../../harness/register-ts.js');

/** A TypeScript entry point of this repository in a child process (compiled on require like jest does). */
export function forkTs(entry: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = fork(entry, args, {
    execArgv: ['-r', REGISTER_TS],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (child.pid) own(child.pid);
  child.once('exit', () => child.pid && disown(child.pid));
  return child;
}

/** The pid of the postmaster serving `pgData` (first line of postmaster.pid), if one runs. */
export function postmasterPid(pgData: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** The harness's own (harness/child-process-app.ts). */
export { freePort } from '@app/harness/child-process-app';
