/**
 * Signed checkpoints (#21.2): someone who can write the database rewrites a RefundIssued event
 * and recomputes the order's hash chain with the project's own eventHash. The chain alone still
 * checks out; the signed checkpoint does not, and GET /verify and the CLI say so.
 */
import { randomBytes } from 'node:crypto';
import { GENESIS_HASH } from '@app/audit';
import { CheckpointSignerService } from '@app/projector/checkpoint-signer.service';
import { expectOk, ordersApi, startTestApp, uniqueId, type TestApp } from '@app/harness';
import { ndjsonLines, runAuditCli } from './support/run-cli';
import { storedHashes, tamper } from './support/tamper';

const SIGNING_KEY = randomBytes(32).toString('base64');

describe('signed audit checkpoints', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  let change: ReturnType<typeof tamper>;
  let signer: CheckpointSignerService;

  beforeAll(async () => {
    // MODE=all: the projector process signs; the period is long, the test signs when it wants.
    t = await startTestApp({ AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_CHECKPOINT_MS: '3600000' });
    api = ordersApi(t);
    change = tamper(t.pool);
    signer = t.app.get(CheckpointSignerService);
  });
  afterAll(() => t?.close());

  const verify = (orderId: string) => expectOk(t.http.get(`/orders/${orderId}/verify`).set(t.as('auditor'))).then((r) => r.body);
  /**
   * Signs until a checkpoint names the order at `revision`. The signer reads the log as every
   * reader does, up to the oldest transaction still running (the projector's may hold it back).
   */
  const signThrough = async (orderId: string, revision: number) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await signer.signNow();
      const { rowCount } = await t.pool.query('SELECT 1 FROM audit_checkpoint_streams WHERE stream_id = $1 AND revision = $2', [`order-${orderId}`, revision]);
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no checkpoint names order ${orderId} at revision ${revision}`);
  };
  /** Delivered (revisions 0-4), signed; a goodwill refund (revision 5), signed again. */
  const refundedAndSigned = async () => {
    const orderId = await api.delivered();
    await signThrough(orderId, 4);
    await expectOk(api.post(`/orders/${orderId}/refunds`, { refundId: uniqueId('rf'), reason: 'goodwill', destination: 'original', amount: 500 }));
    await signThrough(orderId, 5);
    return { orderId, hashes: await storedHashes(t.pool, orderId) };
  };
  const forgeRefund = (orderId: string) =>
    change.rewrite(orderId, 5, (event) => {
      event.data.total = 99999;
      event.metadata.actor = { type: 'token', role: 'admin', tokenName: 'admin-00000000' };
    });

  it('confirms an untouched history against the latest checkpoint that covers it, and says which', async () => {
    const { orderId, hashes } = await refundedAndSigned();
    const body = await verify(orderId);
    expect(body).toMatchObject({ orderId, valid: true, events: 6, headHash: hashes[5], checkpointStatus: 'confirmed', signedEvents: 6 });
    expect(body.checkpoint).toMatchObject({ revision: 5, hash: hashes[5], keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(body.checkpoint.sequence).toBeGreaterThan(1);
  });

  it('exports the checkpoints (HTTP for auditors; the CLI checks signatures, links and the index)', async () => {
    await refundedAndSigned();
    const { body } = await expectOk(t.http.get('/audit/checkpoints?limit=500').set(t.as('auditor')));
    expect(body.checkpoints.length).toBeGreaterThan(1);
    expect(body.checkpoints.map((c: { sequence: number }) => c.sequence)).toEqual(body.checkpoints.map((_: unknown, i: number) => i + 1));
    expect(body.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await t.http.get('/audit/checkpoints').set(t.as('service'))).status).toBe(403);

    const env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir, AUDIT_SIGNING_KEY: SIGNING_KEY };
    const clean = await runAuditCli(['checkpoints'], env);
    expect(clean.code).toBe(0);
    const exported = ndjsonLines(clean.stdout) as Array<{ sequence: number }>;
    expect(exported.slice(0, body.checkpoints.length)).toEqual(body.checkpoints);

    await t.pool.query('DELETE FROM audit_checkpoint_streams WHERE sequence = 2 AND stream_id = (SELECT min(stream_id) FROM audit_checkpoint_streams WHERE sequence = 2)');
    await t.pool.query('DELETE FROM audit_checkpoints WHERE sequence = 3');
    const broken = await runAuditCli(['checkpoints'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/checkpoint 2: the index lost or changed order-/);
    expect(broken.stderr).toMatch(/checkpoint 4: checkpoints 3 to 3 are missing/);
  });

  it('finds a rewritten RefundIssued whose chain was recomputed: valid only up to the last checkpoint that still matches', async () => {
    const { orderId, hashes } = await refundedAndSigned();
    await forgeRefund(orderId);
    const rewritten = await storedHashes(t.pool, orderId);
    expect(rewritten[5]).not.toBe(hashes[5]);
    const body = await verify(orderId);
    expect(body).toMatchObject({
      orderId, valid: false, firstInvalidRevision: 5, events: 5, headHash: hashes[4], checkpointStatus: 'contradicted', signedEvents: 5,
      checkpoint: { revision: 5, hash: hashes[5] },
    });
    const env = { DATABASE_URL: t.db.url, DATA_DIR: t.config.dataDir, AUDIT_SIGNING_KEY: SIGNING_KEY };
    const run = await runAuditCli(['verify', orderId], env);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(body);
    const all = await runAuditCli(['verify', '--all'], env);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`broken order-${orderId}: contradicted by a signed checkpoint: valid only up to revision 4`);
  });

  it('finds a tail cut below a checkpoint, and a history whose every event is gone', async () => {
    const { orderId, hashes } = await refundedAndSigned();
    await change.remove(orderId, 5);
    expect(await verify(orderId)).toMatchObject({ valid: false, events: 5, headHash: hashes[4], firstInvalidRevision: 5, checkpointStatus: 'contradicted' });
    for (let revision = 4; revision >= 0; revision -= 1) await change.remove(orderId, revision);
    expect(await verify(orderId)).toMatchObject({ valid: false, events: 0, headHash: GENESIS_HASH, firstInvalidRevision: 0 });
  });

  it('does not cover what came after the last checkpoint: such a rewrite is only chain-checked (documented)', async () => {
    const { orderId } = await refundedAndSigned();
    await expectOk(api.post(`/orders/${orderId}/complaints`, { complaintId: 'cmp-1', category: 'delivery', message: 'late' }));
    expect(await verify(orderId)).toMatchObject({ valid: true, events: 7, signedEvents: 6, checkpointStatus: 'confirmed' });
    await change.rewrite(orderId, 6, (event) => void (event.data.category = 'quality'));
    expect(await verify(orderId)).toMatchObject({ valid: true, events: 7, signedEvents: 6 });
    const fresh = await api.delivered();
    expect(await verify(fresh)).toMatchObject({ valid: true, events: 5, signedEvents: 0, checkpointStatus: 'none', checkpoint: null });
  });

  it('calls a checkpoint altered to match a rewrite forged', async () => {
    const { orderId } = await refundedAndSigned();
    const { rows } = await t.pool.query<{ sequence: string }>('SELECT max(sequence) AS sequence FROM audit_checkpoints');
    await forgeRefund(orderId);
    const [forged] = await storedHashes(t.pool, orderId).then((h) => h.slice(5));
    await t.pool.query(
      `UPDATE audit_checkpoints SET body = regexp_replace(body, '("order-${orderId}":\\{"hash":")[0-9a-f]{64}', '\\1${forged}') WHERE sequence = $1`,
      [rows[0].sequence],
    );
    expect(await verify(orderId)).toMatchObject({ valid: false, checkpointStatus: 'forged', firstInvalidRevision: 5 });
  });
});
