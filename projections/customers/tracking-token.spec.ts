import { createHash, randomBytes } from 'node:crypto';
import { isWellFormedToken, sameHash, tokenHash, trackingToken } from './tracking-token';

describe('tracking tokens', () => {
  const secret = randomBytes(32);

  it('are 256 bits in base64url, the same for the same order and rotation, different otherwise', () => {
    const token = trackingToken(secret, 'o-1', 0);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(trackingToken(secret, 'o-1', 0)).toBe(token);
    expect(new Set([token, trackingToken(secret, 'o-1', 1), trackingToken(secret, 'o-2', 0), trackingToken(randomBytes(32), 'o-1', 0)]).size).toBe(4);
  });

  it('are stored as their SHA-256, compared in constant time', () => {
    const token = trackingToken(secret, 'o-1', 0);
    expect(tokenHash(token)).toEqual(createHash('sha256').update(token).digest());
    expect(sameHash(tokenHash(token), tokenHash(token))).toBe(true);
    expect(sameHash(tokenHash(token), tokenHash(`${token.slice(0, -1)}x`))).toBe(false);
    expect(sameHash(tokenHash(token), Buffer.alloc(3))).toBe(false);
  });

  it.each(['', 'short', 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`])('refuses the shape of %p', (token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});
