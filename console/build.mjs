// `npm run build:console`: the console into dist/console, unless it is already built from the
// same sources and the same locked dependencies. Skipping matters beyond speed: test suites
// rebuild (harness buildOnce) while other suites serve dist/console, and a rebuild empties that
// folder for a moment; an unchanged console is never rewritten.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(root, 'dist', 'console');
const stampFile = path.join(root, 'dist', 'console.sources-sha256');

function sourcesDigest() {
  const hash = createHash('sha256');
  const files = fs.readdirSync(here, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .concat(path.join(root, 'package-lock.json'))
    .sort();
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const digest = sourcesDigest();
const built = fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest;
if (!built) {
  await build({ configFile: path.join(here, 'vite.config.mjs') });
  fs.writeFileSync(stampFile, digest);
}
