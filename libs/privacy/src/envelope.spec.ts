import { randomBytes } from 'node:crypto';
import { isEnvelope, seal, unseal, type Envelope } from './envelope';

const key = randomBytes(32);

describe('personal-value envelopes (AES-256-GCM)', () => {
  it('round-trips any text, with a fresh IV per value: the same text never seals the same twice', () => {
    for (const text of ['ana@example.com', '', 'Zoë Ünïcode — 東京', 'x'.repeat(5000)]) {
      const a = seal(text, 'k1', key);
      const b = seal(text, 'k1', key);
      expect(isEnvelope(a)).toBe(true);
      expect(a.iv).not.toBe(b.iv);
      expect(a.ct === b.ct && text.length > 0).toBe(false);
      expect(unseal(a, key)).toBe(text);
      expect(JSON.stringify(a)).not.toContain(text || '\u0000');
    }
  });

  it('refuses an altered ciphertext, tag, IV or key id, and another key', () => {
    const sealed = seal('ana@example.com', 'k1', key);
    const flip = (b64: string) => { const bytes = Buffer.from(b64, 'base64'); bytes[0] ^= 1; return bytes.toString('base64'); };
    const altered: Envelope[] = [
      { ...sealed, ct: flip(sealed.ct) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, key: 'k2' },
    ];
    for (const envelope of altered) expect(() => unseal(envelope, key)).toThrow();
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
  });

  it('tells envelopes from plain values', () => {
    expect(isEnvelope('ana@example.com')).toBe(false);
    expect(isEnvelope({ enc: 'v2', key: 'k', iv: '', ct: '', tag: '' })).toBe(false);
    expect(isEnvelope({ enc: 'v1', key: 'k', iv: '', ct: '' })).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });
});
