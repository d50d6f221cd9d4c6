import { decodeLedgerCursor, encodeLedgerCursor } from './ledger-cursor';

describe('ledger cursor', () => {
  const position = { issuedAt: '2026-03-01T10:00:00.123456Z', orderId: 'o-1', refundId: 'rf,"1"' };

  it('round-trips a position', () => {
    const cursor = encodeLedgerCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLedgerCursor(cursor)).toEqual(position);
  });

  it('refuses what this server did not make', () => {
    for (const bad of ['', 'not-a-cursor', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["2026-03-01", "o", "r"]').toString('base64url'), Buffer.from('["2026-03-01T10:00:00.123456Z", "", "r"]').toString('base64url')]) {
      expect(decodeLedgerCursor(bad)).toBeNull();
    }
  });
});
