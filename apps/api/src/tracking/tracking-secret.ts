import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, createSecretFileOnce, isLooselyReadable, type AppConfig } from '@app/config';

export const TRACKING_SECRET = Symbol('TRACKING_SECRET');
export const TRACKING_SECRET_FILE = 'tracking-secret.key';

export interface TrackingSecretSource {
  secret: Buffer;
  /** For the start-up log: where the secret comes from (never the secret). */
  notice: string;
  warning?: string;
}

/**
 * TRACKING_SECRET when set; else DATA_DIR/tracking-secret.key, generated owner-only on first
 * start like the personal-data master key. Every API process must hold the same secret (a
 * retried POST /orders on another replica must answer the same link), so with an external
 * database the generated file is only right for a single process: a warning says so.
 */
export function trackingSecretSource(config: AppConfig): TrackingSecretSource {
  if (config.tracking.secret !== undefined) {
    return { secret: Buffer.from(config.tracking.secret, 'utf8'), notice: 'Tracking links: secret from TRACKING_SECRET' };
  }
  const file = path.resolve(config.dataDir, TRACKING_SECRET_FILE);
  const generated = !fs.existsSync(file) && createSecretFileOnce(file, `${randomBytes(32).toString('base64')}\n`);
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new ConfigError('TRACKING_SECRET', `is unset and ${file} does not hold a secret of at least 32 characters`);
  const warnings = [
    ...(config.databaseUrl !== undefined ? ['TRACKING_SECRET is unset with an external DATABASE_URL: set the same TRACKING_SECRET on every API process, or a retried POST /orders on another process answers a link that does not work (docs/tracking.md).'] : []),
    ...(isLooselyReadable(file) ? [`${file} is readable by group or others; chmod 600 it`] : []),
  ];
  return {
    secret: Buffer.from(text, 'utf8'),
    notice: generated ? `Tracking links: generated a secret (TRACKING_SECRET is unset): ${file}` : `Tracking links: secret from ${file} (TRACKING_SECRET is unset)`,
    ...(warnings.length ? { warning: warnings.join(' ') } : {}),
  };
}
