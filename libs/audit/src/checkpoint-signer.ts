import type { Pool } from 'pg';
import type { EventStore } from '@app/event-store';
import { checkpointDigest, signCheckpoint, type CheckpointBody, type StreamHead } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import type { AuditSigningKey } from './signing-key';

export interface CheckpointSignerOptions {
  /** Events read into one checkpoint at most (a catch-up over a long log signs several). */
  maxEvents?: number;
  /** Streams named by one checkpoint at most: bounds the body a verifier opens. */
  maxStreams?: number;
}

/** Transaction-scoped: released at commit, so a crashed signer never holds it. */
const SIGNER_LOCK = 'audit-checkpoint-signer';

/**
 * Follows the global log from the last checkpoint and signs the next one: the position reached
 * and the head (revision, hash) of every stream written since. The last checkpoint is its own
 * cursor, and each checkpoint is written under a transaction-scoped advisory lock, so any number
 * of processes may call it: one signs, the others find the lock taken (or nothing new).
 * Hashes are signed as stored; verification recomputes them.
 */
export class CheckpointSigner {
  private readonly maxEvents: number;
  private readonly maxStreams: number;

  constructor(
    private readonly pool: Pool,
    /** The stored form: the hashes are in the metadata, the data is not needed. */
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly key: AuditSigningKey,
    private readonly now: () => Date,
    options: CheckpointSignerOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? 50_000;
    this.maxStreams = options.maxStreams ?? 1_000;
  }

  /** Signs checkpoints until the log is covered; answers how many it wrote. */
  async catchUp(): Promise<number> {
    let written = 0;
    while (await this.signNext()) written += 1;
    return written;
  }

  /** One checkpoint over what is new, or null when nothing is (or another process holds the lock). */
  async signNext(): Promise<CheckpointBody | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [SIGNER_LOCK]);
      const content = rows[0].locked ? await this.nextContent(await this.checkpoints.latest(client)) : null;
      let body: CheckpointBody | null = null;
      if (content) {
        const signed = signCheckpoint(content, this.key);
        body = JSON.parse(signed.body) as CheckpointBody;
        await this.checkpoints.insert(client, signed, body);
      }
      await client.query('COMMIT');
      return body;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async nextContent(latest: { sequence: number; body: string } | null): Promise<Omit<CheckpointBody, 'format' | 'keyId'> | null> {
    const previous = latest ? (JSON.parse(latest.body) as CheckpointBody) : null;
    const streams: Record<string, StreamHead> = {};
    let named = 0;
    let events = 0;
    let position: string | null = null;
    for await (const event of this.store.readAll({ after: previous?.position, limit: this.maxEvents })) {
      const hash = event.metadata.hash;
      if (typeof hash === 'string') {
        if (!streams[event.streamId]) {
          if (named === this.maxStreams) break; // this event starts the next checkpoint
          named += 1;
        }
        streams[event.streamId] = { revision: event.revision, hash };
      }
      position = event.position;
      events += 1;
    }
    if (position === null) return null;
    return {
      sequence: (latest?.sequence ?? 0) + 1,
      previous: latest ? checkpointDigest(latest.body) : null,
      position,
      events,
      createdAt: this.now().toISOString(),
      streams,
    };
  }
}
