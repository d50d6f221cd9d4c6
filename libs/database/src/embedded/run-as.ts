import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface RunAs {
  uid?: number;
  gid?: number;
  user: string;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the unprivileged `postgres` user
 * (created if missing); as anyone else, as ourselves.
 */
export function resolveRunAs(): RunAs {
  if (process.getuid?.() !== 0) return { user: process.env.USER ?? 'self' };
  const ids = lookup('postgres') ?? createSystemUser('postgres');
  return { ...ids, user: 'postgres' };
}

function lookup(name: string): { uid: number; gid: number } | null {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function createSystemUser(name: string): { uid: number; gid: number } {
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', name], { stdio: 'ignore' });
  const ids = lookup(name);
  if (!ids) throw new Error(`Could not create the ${name} user that runs the embedded PostgreSQL`);
  return ids;
}

/**
 * The server user must be able to reach its data directory. Directories above it that deny
 * "search" to others (e.g. a clone under /root) get o+x only: others may pass through but not
 * list them. Returns the directories changed, to say so in the log.
 */
export function ensureTraversable(dir: string, runAs: RunAs): string[] {
  if (runAs.uid === undefined) return [];
  const changed: string[] = [];
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const stat = fs.statSync(current);
    if (!allows(stat, runAs, 0o1)) {
      fs.chmodSync(current, stat.mode | 0o001);
      changed.push(current);
    }
    const parent = path.dirname(current);
    if (parent === current) return changed;
    current = parent;
  }
}

/**
 * Whether the server user may execute `file`: search permission on every directory above it
 * and execute permission on the file (its own uid and primary group; other groups are not
 * counted, which at worst makes us copy what was reachable).
 */
export function canReach(file: string, runAs: RunAs): boolean {
  if (runAs.uid === undefined) return true;
  let current = path.resolve(file);
  if (!allows(fs.statSync(current), runAs, 0o1)) return false;
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    if (!allows(fs.statSync(current), runAs, 0o1)) return false;
  }
}

/** Whether `runAs` holds permission `bit` (1 execute/search, 2 write, 4 read) on a file of this stat. */
function allows(stat: fs.Stats, runAs: RunAs, bit: number): boolean {
  if (stat.uid === runAs.uid) return (stat.mode & (bit << 6)) !== 0;
  if (stat.gid === runAs.gid) return (stat.mode & (bit << 3)) !== 0;
  return (stat.mode & bit) !== 0;
}
