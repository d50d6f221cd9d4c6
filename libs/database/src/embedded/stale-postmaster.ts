import fs from 'node:fs';
import path from 'node:path';

export interface LivePostmaster {
  pid: number;
  port: number;
}

/**
 * A server whose Node parent died (kill -9) keeps running: we adopt it. A pid file whose
 * process is gone, or is no longer a postgres, would make postgres refuse to start: remove it.
 */
export function inspectPostmasterPid(pgData: string): LivePostmaster | null {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid) && Number.isInteger(port) && port > 0) {
    return { pid, port };
  }
  fs.rmSync(pidFile, { force: true });
  return null;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): the pid is alive, trust it.
    return true;
  }
}
