/** What the audit CLI runs on: the service's own store and database, a run log, and stdout that respects pipes. */
import pino, { type Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { Database } from '@app/database';
import type { EventStore } from '@app/event-store';
import { CheckpointStore, signingKeySource } from '@app/audit';
import { keyRingFor } from '@app/privacy';
import { createEventStore, createReadableEventStore } from '@app/platform';
import type { OrderAuditStores } from './order-audit';
import { AuditCheckpoints } from '@app/platform';

export interface AuditStores extends OrderAuditStores {
  checkpoints: AuditCheckpoints;
  close(): Promise<void>;
}

/**
 * Connects like the service: DATABASE_URL, or the embedded server in DATA_DIR (joined, and left
 * running, when the service is using it); EVENT_STORE_URL for EventStoreDB. No migrations:
 * an audit tool does not change what it audits. `stored` is the store as written, which the
 * hashes were computed over: verification needs nothing else, no key. With `decrypt`, `store`
 * reads it as the service does (personal data decrypted with its master key) for history and state.
 * The signing key (AUDIT_SIGNING_KEY, or the embedded default's file, never made here) checks
 * the signed checkpoints.
 */
export async function openAuditStores(config: AppConfig, options: { poolSize: number; decrypt: boolean }, logger: Logger): Promise<AuditStores> {
  const database = await Database.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: options.poolSize,
    migrations: [],
    log: (message) => logger.debug({ database: message }, 'database'),
  });
  const stored = createEventStore(config, database.pool);
  let store: EventStore = stored;
  const signing = signingKeySource(config, { create: false });
  logger.info(signing.notice);
  if (signing.warning) logger.warn(signing.warning);
  const checkpoints = new AuditCheckpoints(new CheckpointStore(database.pool), signing.key);
  const close = async () => {
    await Promise.all([...new Set([store, stored])].map((s) => s.close().catch(() => undefined)));
    await database.close();
  };
  if (options.decrypt) {
    try {
      const { keyRing, notice, warning } = keyRingFor(config, database.pool);
      logger.info(notice);
      if (warning) logger.warn(warning);
      store = createReadableEventStore(config, database.pool, keyRing);
    } catch (error) {
      await close(); // an embedded server must not outlive a failed start
      throw error;
    }
  }
  return { store, stored, checkpoints, close };
}

/** JSON lines appended to the run log; synchronous, so nothing is lost when the process exits. */
export function openRunLog(file: string): Logger {
  return pino(
    { level: 'debug', base: { tool: 'audit-cli', pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: file, mkdir: true, sync: true }),
  );
}

export class OutputClosedError extends Error {}

/** Writes to a stream, waiting when it is full (a slow pipe); fails once the reader has gone (`| head`). */
export function lineWriter(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  let closed: Error | null = null;
  stream.on('error', (error: Error) => (closed = error));
  return async (text) => {
    if (closed) throw new OutputClosedError(closed.message);
    if (stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('error', done);
    });
  };
}
