import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCheckpoint, signCheckpoint } from './checkpoint';
import { AuditSigningKey, SIGNING_KEY_FILE, signingKeySource } from './signing-key';

describe('the audit signing key', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-audit-key-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('comes from AUDIT_SIGNING_KEY, the same key in every process', () => {
    const seed = Buffer.alloc(32, 9).toString('base64');
    const a = signingKeySource({ auditSigningKey: seed, dataDir, databaseUrl: 'postgres://x/y' });
    const b = signingKeySource({ auditSigningKey: seed, dataDir });
    expect(a.key?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.key?.keyId).toBe(b.key?.keyId);
    expect(a.warning).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, SIGNING_KEY_FILE))).toBe(false);
  });

  it('is generated owner-only into DATA_DIR on the embedded default, then reused; read-only tools never make one', () => {
    expect(signingKeySource({ dataDir }, { create: false }).key).toBeNull();
    const first = signingKeySource({ dataDir });
    expect(first.notice).toMatch(/generated a signing key/);
    expect(fs.statSync(path.join(dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = signingKeySource({ dataDir }, { create: false });
    expect(again.key?.keyId).toBe(first.key?.keyId);
  });

  it('is absent, with a warning, on an external database without AUDIT_SIGNING_KEY (never kept in the database)', () => {
    const source = signingKeySource({ dataDir, databaseUrl: 'postgres://db/orders' });
    expect(source.key).toBeNull();
    expect(source.warning).toMatch(/AUDIT_SIGNING_KEY is unset with an external DATABASE_URL/);
  });

  it('signs checkpoints that only the same key opens, and not once altered', () => {
    const key = AuditSigningKey.fromSeed(Buffer.alloc(32, 1));
    const other = AuditSigningKey.fromSeed(Buffer.alloc(32, 2));
    const signed = signCheckpoint({ sequence: 1, previous: null, position: 'p', events: 1, createdAt: '2026-12-03T00:00:00.000Z', streams: { 'order-1': { revision: 0, hash: 'a'.repeat(64) } } }, key);
    expect(openCheckpoint(signed, key)?.streams['order-1']).toEqual({ revision: 0, hash: 'a'.repeat(64) });
    expect(openCheckpoint(signed, other)).toBeNull();
    expect(openCheckpoint({ ...signed, body: signed.body.replace('"revision":0', '"revision":1') }, key)).toBeNull();
    expect(openCheckpoint({ ...signed, sequence: 2 }, key)).toBeNull();
  });
});
