import fs from 'node:fs';
import path from 'node:path';

/**
 * Which processes use the embedded server of a data directory: one file per process in
 * `<pgData>.users/` (beside the cluster, not in it: the server and its backup tools never see
 * it), named by pid and holding the process's start time (so a recycled pid
 * is not mistaken for the process that registered). The last live user to leave stops the
 * server; a CLI run beside the service (audit, finance:reconcile, projections:rebuild,
 * privacy:migrate) leaves the server running for it, whoever started it. Entries of processes
 * that died (kill -9) are ignored and cleared.
 */

const usersDir = (pgData: string): string => `${path.resolve(pgData)}.users`;

export function registerServerUser(pgData: string, pid = process.pid): void {
  const dir = usersDir(pgData);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, String(pid)), startTimeOf(pid) ?? '', { mode: 0o600 });
}

/** Removes this process from the users; answers the pids of the other live users (empty: stop the server). */
export function unregisterServerUser(pgData: string, pid = process.pid): number[] {
  const dir = usersDir(pgData);
  fs.rmSync(path.join(dir, String(pid)), { force: true });
  return liveServerUsers(pgData);
}

/** The pids of the live processes registered as users; entries of dead processes are removed. */
export function liveServerUsers(pgData: string): number[] {
  const dir = usersDir(pgData);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    const file = path.join(dir, name);
    let recorded: string;
    try {
      recorded = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // removed meanwhile by its owner
    }
    if (Number.isInteger(pid) && pid > 0 && isSameProcess(pid, recorded)) live.push(pid);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

function isSameProcess(pid: number, recordedStart: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's; ESRCH: gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = startTimeOf(pid);
  // Without /proc (macOS) a live pid is trusted.
  return start === null || recordedStart === '' || start === recordedStart;
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
