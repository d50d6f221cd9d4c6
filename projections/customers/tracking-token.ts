/**
 * Tracking tokens (docs/tracking.md "The link"). A token is HMAC-SHA-256(secret, orderId,
 * rotation): 256 bits nobody can guess without the secret, yet the server can compute it again
 * for a retried POST /orders, so the plaintext is never stored; only its SHA-256 is.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** 32 bytes in base64url without padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function trackingToken(secret: Buffer, orderId: string, rotation: number): string {
  return createHmac('sha256', secret).update(`tracking-link\0${orderId}\0${rotation}`, 'utf8').digest('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Constant-time, so how much of a hash matched never shows in the answer's timing. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
