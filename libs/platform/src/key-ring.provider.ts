import type { Logger } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import type { Database } from '@app/database';
import { keyRingFor, type KeyRing } from '@app/privacy';

/**
 * The key ring, its master key loaded and checked against the database before anything serves:
 * a wrong PII_MASTER_KEY stops the start with a message naming it (a ConfigError) instead of
 * failing on the first decrypt. The database is closed then, so nothing is left running.
 */
export async function openKeyRing(config: AppConfig, database: Database, logger: Pick<Logger, 'log' | 'warn'>): Promise<KeyRing> {
  try {
    const { keyRing, notice, warning } = keyRingFor(config, database.pool);
    await keyRing.ready();
    logger.log(notice);
    if (warning) logger.warn(warning);
    return keyRing;
  } catch (error) {
    await database.close();
    throw error;
  }
}
