import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretFile {
  contents: string;
  /** This call wrote it (first start). */
  created: boolean;
  /** Readable by group or others: worth a warning (volumes and containers set modes in many ways). */
  loose: boolean;
}

/**
 * A secret kept in a file of the data directory (the embedded default's generated keys): read it,
 * or create it owner-only with `generate()` when missing. Creation is atomic: a complete
 * temporary file is hard-linked into place, so two processes starting together on one data
 * directory end up with the same secret.
 */
export function readOrCreateSecretFile(file: string, generate: () => string): SecretFile {
  const created = !fs.existsSync(file) && createOnce(file, generate);
  return { contents: fs.readFileSync(file, 'utf8'), created, loose: (fs.statSync(file).mode & 0o077) !== 0 };
}

function createOnce(file: string, generate: () => string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, generate(), { mode: 0o600, flag: 'wx' });
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
