import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { loadConfig } from '@app/config';
import { TRACKING_SECRET_FILE, trackingSecretSource } from './tracking-secret';

/** The embedded default never touches the database: a pool that throws proves it. */
const NO_DATABASE = new Proxy({}, { get: () => { throw new Error('the database was asked'); } }) as Pool;

describe('the tracking secret without an external database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-tracking-secret-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is generated once into DATA_DIR, owner-only, and read back on the next start', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = trackingSecretSource(config, NO_DATABASE);
    expect(first.notice).toMatch(/^Tracking links: generated a secret/);
    const file = path.join(dataDir, TRACKING_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = trackingSecretSource(config, NO_DATABASE);
    expect(again.notice).toMatch(/^Tracking links: secret from /);
    expect(await again.load()).toEqual(await first.load());
    expect((await first.load()).length).toBeGreaterThanOrEqual(32);
  });

  it('prefers TRACKING_SECRET, and refuses a file too short to be a secret', async () => {
    const secret = 's'.repeat(40);
    expect(await trackingSecretSource(loadConfig({ DATA_DIR: dataDir, TRACKING_SECRET: secret }), NO_DATABASE).load()).toEqual(Buffer.from(secret));
    expect(fs.existsSync(path.join(dataDir, TRACKING_SECRET_FILE))).toBe(false);
    fs.writeFileSync(path.join(dataDir, TRACKING_SECRET_FILE), 'short\n', { mode: 0o600 });
    expect(() => trackingSecretSource(loadConfig({ DATA_DIR: dataDir }), NO_DATABASE)).toThrow(/^Invalid configuration: TRACKING_SECRET is unset and .* does not hold a secret/);
  });
});
