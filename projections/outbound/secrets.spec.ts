import { createHmac } from 'node:crypto';
import { MasterKey } from '@app/privacy';
import { newSecret, rotated, signature, signingKeys, ROTATION_OVERLAP_MS } from './secrets';

describe('webhook secrets', () => {
  const master = MasterKey.generate('test');
  const now = new Date('2026-03-02T09:00:00Z');

  it('are whsec_ + base64 of 32 bytes, stored wrapped and bound to their subscription', () => {
    const { secret, stored } = newSecret(master, 'sub-1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(stored.wrapped).not.toContain(secret.slice(6));
    const [key] = signingKeys(master, 'sub-1', [stored], now);
    expect(key.toString('base64')).toBe(secret.slice(6));
    expect(() => signingKeys(master, 'sub-2', [stored], now)).toThrow();
  });

  it('sign with the new and the previous secret for 24 h after a rotation', () => {
    const first = newSecret(master, 'sub-1');
    const second = newSecret(master, 'sub-1');
    const secrets = rotated([first.stored], second.stored, now);
    expect(signingKeys(master, 'sub-1', secrets, new Date(now.getTime() + ROTATION_OVERLAP_MS - 1))).toHaveLength(2);
    expect(signingKeys(master, 'sub-1', secrets, new Date(now.getTime() + ROTATION_OVERLAP_MS))).toHaveLength(1);
    const keys = signingKeys(master, 'sub-1', secrets, now);
    const header = signature(keys, 'msg_1', 1700000000, '{"a":1}');
    const expected = (key: Buffer) => `v1,${createHmac('sha256', key).update('msg_1.1700000000.{"a":1}').digest('base64')}`;
    expect(header).toBe(`${expected(keys[0])} ${expected(keys[1])}`);
    // A second rotation drops the oldest at once.
    expect(rotated(secrets, newSecret(master, 'sub-1').stored, now)).toHaveLength(2);
  });
});
