import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@app/config';
import { decodeMasterKey, MasterKey } from './master-key';
import { MASTER_KEY_FILE, masterKeySource } from './master-key-source';
import { MemoryKeyStore } from './testing/memory-key-store';

describe('the master key', () => {
  it('wraps data keys bound to their key id and customer; a check value tells keys apart without revealing them', () => {
    const master = MasterKey.generate('test');
    const dataKey = randomBytes(32);
    const wrapped = master.wrap(dataKey, 'k1', 'c-1');
    expect(master.unwrap(wrapped, 'k1', 'c-1')).toEqual(dataKey);
    expect(() => master.unwrap(wrapped, 'k2', 'c-1')).toThrow();
    expect(() => master.unwrap(wrapped, 'k1', 'c-2')).toThrow();
    expect(() => MasterKey.generate('other').unwrap(wrapped, 'k1', 'c-1')).toThrow();
    expect(master.checkValue()).toBe(MasterKey.fromBytes(Buffer.from(master.toBase64(), 'base64'), 'again').checkValue());
    expect(master.checkValue()).not.toBe(MasterKey.generate('other').checkValue());
    expect(master.checkValue()).not.toContain(Buffer.from(master.toBase64(), 'base64').toString('hex'));
  });

  it('decodes exactly 32 bytes of base64 (standard or URL-safe)', () => {
    const bytes = randomBytes(32);
    expect(decodeMasterKey(bytes.toString('base64'))).toEqual(bytes);
    expect(decodeMasterKey(`${bytes.toString('base64url')}\n`)).toEqual(bytes);
    expect(decodeMasterKey(randomBytes(31).toString('base64'))).toBeNull();
    expect(decodeMasterKey('not a key')).toBeNull();
  });
});

describe('where the master key comes from', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-pii-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('embedded default: generated once into DATA_DIR, owner-only, and the same key on every later start', async () => {
    const store = new MemoryKeyStore();
    const first = masterKeySource({ dataDir }, store);
    const file = path.join(dataDir, MASTER_KEY_FILE);
    expect(first.notice).toMatch(/generated a master key/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = masterKeySource({ dataDir }, store);
    expect(again.notice).toMatch(/master key from .*pii-master\.key/);
    expect((await again.load()).checkValue()).toBe((await first.load()).checkValue());
    expect(fs.readdirSync(dataDir)).toEqual([MASTER_KEY_FILE]);
    fs.chmodSync(file, 0o644);
    expect(masterKeySource({ dataDir }, store).warning).toMatch(/chmod 600/);
  });

  it('PII_MASTER_KEY wins over the file; a corrupt file stops the start naming the variable', async () => {
    const key = randomBytes(32);
    const source = masterKeySource({ dataDir, piiMasterKey: key.toString('base64') }, new MemoryKeyStore());
    expect((await source.load()).checkValue()).toBe(MasterKey.fromBytes(key, 'x').checkValue());
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.writeFileSync(path.join(dataDir, MASTER_KEY_FILE), 'garbage', { mode: 0o600 });
    expect(() => masterKeySource({ dataDir }, new MemoryKeyStore())).toThrow(ConfigError);
    expect(() => masterKeySource({ dataDir }, new MemoryKeyStore())).toThrow(/PII_MASTER_KEY is unset and .* does not hold a 32-byte base64 key/);
  });

  it('an external database without PII_MASTER_KEY keeps the key in the database, with a warning; not once it has an outside key', async () => {
    const store = new MemoryKeyStore();
    const source = masterKeySource({ dataDir, databaseUrl: 'postgres://db/x' }, store);
    expect(source.warning).toMatch(/Set PII_MASTER_KEY in production/);
    const key = await source.load();
    expect((await masterKeySource({ dataDir, databaseUrl: 'postgres://db/x' }, store).load()).checkValue()).toBe(key.checkValue());
    expect(fs.readdirSync(dataDir)).toEqual([]);

    const outside = new MemoryKeyStore();
    outside.check = MasterKey.generate('env').checkValue();
    await expect(masterKeySource({ dataDir, databaseUrl: 'postgres://db/x' }, outside).load()).rejects.toThrow(/PII_MASTER_KEY is unset, but this database/);
  });
});
