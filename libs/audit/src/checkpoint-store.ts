import type { Pool, PoolClient } from 'pg';
import { openCheckpoint, type CheckpointBody, type SignedCheckpoint } from './checkpoint';
import type { CheckpointAnchor } from './hash-chain';
import type { AuditSigningKey } from './signing-key';

/**
 * Signed checkpoints, and an index from each stream to the checkpoints that name it (so verifying
 * one order reads a few rows, not every checkpoint). The index is not signed: `audit -- checkpoints`
 * checks it against the signed bodies (docs/auditing.md).
 */
export const auditCheckpointMigrations = [
  {
    id: '0300_audit_checkpoints',
    sql: `
      CREATE TABLE audit_checkpoints (
        sequence bigint PRIMARY KEY,
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        body text NOT NULL,
        signature text NOT NULL
      );
      CREATE TABLE audit_checkpoint_streams (
        stream_id text COLLATE "C" NOT NULL,
        sequence bigint NOT NULL,
        revision bigint NOT NULL,
        PRIMARY KEY (stream_id, sequence)
      );
      -- The export compares each checkpoint with its index rows.
      CREATE INDEX audit_checkpoint_streams_sequence_idx ON audit_checkpoint_streams (sequence);
    `,
  },
];

const CACHED_BODIES = 64;

export class CheckpointStore {
  /** Opened bodies by sequence: `verify --all` meets the same checkpoints stream after stream. */
  private readonly opened = new Map<number, { text: string; signature: string; body: CheckpointBody | null }>();

  constructor(private readonly pool: Pool) {}

  async latest(client: PoolClient | Pool = this.pool): Promise<SignedCheckpoint | null> {
    const { rows } = await client.query<Row>('SELECT sequence::int AS sequence, body, signature FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1');
    return rows[0] ?? null;
  }

  async insert(client: PoolClient, checkpoint: SignedCheckpoint, body: CheckpointBody): Promise<void> {
    await client.query('INSERT INTO audit_checkpoints (sequence, created_at, key_id, body, signature) VALUES ($1, $2, $3, $4, $5)', [
      checkpoint.sequence, body.createdAt, body.keyId, checkpoint.body, checkpoint.signature,
    ]);
    const streams = Object.entries(body.streams).map(([streamId, head]) => ({ stream_id: streamId, revision: head.revision }));
    if (!streams.length) return;
    await client.query(
      `INSERT INTO audit_checkpoint_streams (stream_id, sequence, revision)
       SELECT r.stream_id, $1, r.revision FROM json_to_recordset($2::json) AS r(stream_id text, revision bigint)`,
      [checkpoint.sequence, JSON.stringify(streams)],
    );
  }

  /** Checkpoints in sequence order, after `after`, at most `limit`: the export. */
  async list(after: number, limit: number): Promise<SignedCheckpoint[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT sequence::int AS sequence, body, signature FROM audit_checkpoints WHERE sequence > $1 ORDER BY sequence LIMIT $2', [after, limit]);
    return rows;
  }

  /** The index rows of one checkpoint, to compare with its signed body. */
  async indexed(sequence: number): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ stream_id: string; revision: string }>(
      'SELECT stream_id, revision FROM audit_checkpoint_streams WHERE sequence = $1', [sequence]);
    return new Map(rows.map((r) => [r.stream_id, Number(r.revision)]));
  }

  /**
   * What the signed checkpoints say about one stream, in revision order. A checkpoint whose
   * signature does not check out with `key` is returned as forged; an index row pointing at a
   * checkpoint that does not name the stream is ignored (it proves nothing either way).
   */
  async anchorsFor(streamId: string, key: AuditSigningKey): Promise<CheckpointAnchor[]> {
    const { rows } = await this.pool.query<Row & { revision: string }>(
      `SELECT c.sequence::int AS sequence, c.body, c.signature, s.revision
       FROM audit_checkpoint_streams s JOIN audit_checkpoints c USING (sequence)
       WHERE s.stream_id = $1 ORDER BY s.revision, s.sequence`,
      [streamId],
    );
    const anchors: CheckpointAnchor[] = [];
    for (const row of rows) {
      const body = this.open(row, key);
      if (!body) {
        anchors.push({ sequence: row.sequence, revision: Number(row.revision), hash: '', createdAt: '', position: '', keyId: '', forged: true });
        continue;
      }
      const head = body.streams[streamId];
      if (!head) continue;
      anchors.push({ sequence: body.sequence, revision: head.revision, hash: head.hash, createdAt: body.createdAt, position: body.position, keyId: body.keyId });
    }
    return anchors.sort((a, b) => a.revision - b.revision || a.sequence - b.sequence);
  }

  private open(row: SignedCheckpoint, key: AuditSigningKey): CheckpointBody | null {
    const cached = this.opened.get(row.sequence);
    // A hit only for the very same text and signature: a row rewritten since is opened again.
    if (cached && cached.text === row.body && cached.signature === row.signature) return cached.body;
    const body = openCheckpoint(row, key);
    if (this.opened.size >= CACHED_BODIES) this.opened.delete(this.opened.keys().next().value as number);
    this.opened.set(row.sequence, { text: row.body, signature: row.signature, body });
    return body;
  }
}

interface Row {
  sequence: number;
  body: string;
  signature: string;
}
