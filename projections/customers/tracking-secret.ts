import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Pool } from 'pg';
import { ConfigError, readOrCreateSecretFile, type AppConfig } from '@app/config';

export const TRACKING_SECRET = Symbol('TRACKING_SECRET');
export const TRACKING_SECRET_FILE = 'tracking-secret.key';

/** What TRACKING_SECRET provides: the secret, read once on first use. */
export interface TrackingSecret {
  get(): Promise<Buffer>;
}

export interface TrackingSecretSource {
  load(): Promise<Buffer>;
  /** For the start-up log: where the secret comes from (never the secret). */
  notice: string;
  warning?: string;
}

const generate = () => randomBytes(32).toString('base64');

/**
 * Every API process must compute the same tokens (a retried POST /orders may reach another
 * replica), so, like the personal-data master key:
 * 1. TRACKING_SECRET when set (production);
 * 2. the embedded default: DATA_DIR/tracking-secret.key, generated owner-only on first start;
 * 3. an external database without TRACKING_SECRET: processes with different data directories
 *    share that database, so the secret is generated once into the database itself. Whoever
 *    reads the database can then make links, but they could read the orders anyway.
 */
export function trackingSecretSource(config: AppConfig, pool: Pool): TrackingSecretSource {
  const configured = config.tracking.secret;
  if (configured !== undefined) return { load: async () => Buffer.from(configured, 'utf8'), notice: 'Tracking links: secret from TRACKING_SECRET' };
  if (config.databaseUrl !== undefined) {
    return { load: () => databaseSecret(pool), notice: 'Tracking links: secret kept in the database (TRACKING_SECRET is unset)' };
  }
  const file = path.resolve(config.dataDir, TRACKING_SECRET_FILE);
  const { contents, created, loose } = readOrCreateSecretFile(file, () => `${generate()}\n`);
  const text = contents.trim();
  if (text.length < 32) throw new ConfigError('TRACKING_SECRET', `is unset and ${file} does not hold a secret of at least 32 characters`);
  return {
    load: async () => Buffer.from(text, 'utf8'),
    notice: created ? `Tracking links: generated a secret (TRACKING_SECRET is unset): ${file}` : `Tracking links: secret from ${file} (TRACKING_SECRET is unset)`,
    ...(loose ? { warning: `${file} is readable by group or others; chmod 600 it` } : {}),
  };
}

/** The first process to ask stores its candidate; everyone reads back the stored one. */
async function databaseSecret(pool: Pool): Promise<Buffer> {
  await pool.query('INSERT INTO tracking_secret (secret) VALUES ($1) ON CONFLICT DO NOTHING', [generate()]);
  const { rows } = await pool.query<{ secret: string }>('SELECT secret FROM tracking_secret');
  return Buffer.from(rows[0].secret, 'utf8');
}
