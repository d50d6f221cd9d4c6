import { startFinanceHarness, type FinanceHarness } from './support/finance-harness';

describe('GET /reports/refunds/ledger', () => {
  let t: FinanceHarness;
  const get = (url: string) => t.http.get(url).set(t.as('finance'));

  beforeAll(async () => {
    t = await startFinanceHarness();
    // 25 refunds in May 2026 across two orders, several at the very same instant (the keyset
    // must break ties by order and refund id), plus one each side of the month.
    const refunds = (prefix: string) => Array.from({ length: 12 }, (_, i) => ({
      refundId: `${prefix}-${String(i).padStart(2, '0')}`,
      at: `2026-05-${String(1 + (i % 4) * 9).padStart(2, '0')}T10:00:00.000Z`,
      goods: 100 + i,
    }));
    await t.appendOrder({ orderId: 'o-b', currency: 'GBP', method: 'debit' }, refunds('b'));
    await t.appendOrder({ orderId: 'o-a', currency: 'EUR', method: 'card' }, [
      ...refunds('a'),
      { refundId: 'quoted,"id"', at: '2026-05-31T23:59:59.999Z', reason: 'return', destination: 'wallet', goods: 5, feeRetained: 1 },
      { refundId: 'april', at: '2026-04-30T23:59:59.999Z', goods: 1 },
      { refundId: 'june', at: '2026-06-01T00:00:00.000Z', goods: 1 },
    ]);
    await t.projected();
  });
  afterAll(() => t.close());

  it('answers one row per refund with the ledger columns', async () => {
    const res = await get('/reports/refunds/ledger?from=2026-05-31&to=2026-05-31').expect(200);
    expect(res.body).toEqual({
      items: [{
        refundId: 'quoted,"id"', orderId: 'o-a', issuedAt: '2026-05-31T23:59:59.999Z', currency: 'EUR', reason: 'return',
        method: 'card', destination: 'wallet', goods: 5, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 1, total: 5,
      }],
      nextCursor: null,
    });
  });

  it('pages through the period in (issuedAt, orderId, refundId) order, each refund exactly once', async () => {
    const seen: Array<{ issuedAt: string; orderId: string; refundId: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `from=2026-05-01&to=2026-05-31&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const { body } = await get(`/reports/refunds/ledger?${query}`).expect(200);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    const keys = seen.map((r) => `${r.issuedAt}|${r.orderId}|${r.refundId}`);
    expect(new Set(keys).size).toBe(25);
    expect([...keys].sort()).toEqual(keys);
    expect(seen.every((r) => r.issuedAt >= '2026-05-01' && r.issuedAt < '2026-06-01')).toBe(true);
  });

  it('without from and to, covers every refund', async () => {
    const res = await get('/reports/refunds/ledger?limit=1000').expect(200);
    expect(res.body.items).toHaveLength(27);
    expect(res.body.nextCursor).toBeNull();
  });

  it('answers a page as CSV with the next cursor in X-Next-Cursor, quoting per RFC 4180', async () => {
    const first = await get('/reports/refunds/ledger?from=2026-05-01&to=2026-05-31&limit=24&format=csv').expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/csv/);
    const lines = first.text.split('\r\n');
    expect(lines[0]).toBe('refundId,orderId,issuedAt,currency,reason,method,destination,goods,shipping,returnShipping,processingFee,feeRetained,total');
    expect(lines).toHaveLength(1 + 24 + 1);
    expect(lines[lines.length - 1]).toBe('');
    const last = await get(`/reports/refunds/ledger?from=2026-05-01&to=2026-05-31&limit=24&cursor=${first.headers['x-next-cursor']}`)
      .set('Accept', 'text/csv').expect(200);
    expect(last.headers['x-next-cursor']).toBeUndefined();
    expect(last.text).toBe([
      'refundId,orderId,issuedAt,currency,reason,method,destination,goods,shipping,returnShipping,processingFee,feeRetained,total',
      '"quoted,""id""",o-a,2026-05-31T23:59:59.999Z,EUR,return,card,wallet,5,0,0,0,1,5',
      '',
    ].join('\r\n'));
  });

  it('without limit, answers the whole period as one CSV download', async () => {
    const res = await get('/reports/refunds/ledger?from=2026-05-01&to=2026-05-31').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="refund-ledger-2026-05-01-2026-05-31.csv"');
    expect(res.text.split('\r\n')).toHaveLength(1 + 25 + 1);
  });

  it('refuses a cursor it did not make, a bad limit, bad dates and from after to', async () => {
    const fields = async (query: string) => {
      const res = await get(`/reports/refunds/ledger?${query}`).expect(400);
      expect(res.body.code).toBe('validation_failed');
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields('cursor=bogus')).toEqual(['cursor']);
    expect(await fields('limit=0')).toEqual(['limit']);
    expect(await fields('limit=1001')).toEqual(['limit']);
    expect(await fields('limit=ten')).toEqual(['limit']);
    expect(await fields('from=2026-13-01')).toEqual(['from']);
    expect(await fields('from=2026-05-02&to=2026-05-01')).toEqual(['from']);
  });
});
