import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a generated secret to `file` unless it exists, owner-only. Atomic: a complete temporary
 * file is hard-linked into place, so two processes starting together on one data directory end
 * up with the same secret. True when this call made it.
 */
export function createSecretFileOnce(file: string, contents: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, contents, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** True when group or others may read the file: worth a warning (volumes and containers set modes in many ways). */
export function isLooselyReadable(file: string): boolean {
  return (fs.statSync(file).mode & 0o077) !== 0;
}
