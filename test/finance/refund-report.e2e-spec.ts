import { startFinanceHarness, type FinanceHarness } from './support/finance-harness';

/**
 * March 2026, two currencies. Refunds on the first and last millisecond of the month count; the
 * last millisecond of February, the first of April and 00:30 on March 1st at UTC+1 (still
 * February 28th in UTC) do not.
 */
describe('GET /reports/refunds', () => {
  let t: FinanceHarness;
  const march = '/reports/refunds?from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    t = await startFinanceHarness();
    await t.appendOrder({ orderId: 'eur-card', currency: 'EUR', method: 'card' }, [
      { refundId: 'first-ms', at: '2026-03-01T00:00:00.000Z', reason: 'return', goods: 1000, shipping: 500, returnShipping: 300, processingFee: 12 },
      { refundId: 'last-ms', at: '2026-03-31T23:59:59.999Z', reason: 'goodwill', goods: 700, processingFee: 5 },
      { refundId: 'feb', at: '2026-02-28T23:59:59.999Z', goods: 111 },
      { refundId: 'apr', at: '2026-04-01T00:00:00.000Z', goods: 222 },
      { refundId: 'offset', at: '2026-03-01T00:30:00+01:00', goods: 333 },
    ]);
    await t.appendOrder({ orderId: 'eur-paypal', currency: 'EUR', method: 'paypal' }, [
      { refundId: 'r', at: '2026-03-15T12:00:00.000Z', reason: 'delivery_failed', goods: 2000, feeRetained: 30 },
    ]);
    await t.appendOrder({ orderId: 'usd-wallet', currency: 'USD', method: 'wallet' }, [
      { refundId: 'r', at: '2026-03-15T08:00:00.000Z', reason: 'cancellation', destination: 'wallet', goods: 5000, shipping: 500 },
    ]);
    await t.appendOrder({ orderId: 'usd-card', currency: 'USD', method: 'card' }, [
      { refundId: 'r', at: '2026-03-15T09:00:00.000Z', reason: 'return', destination: 'wallet', goods: 3000, feeRetained: 40 },
    ]);
    await t.projected();
  });
  afterAll(() => t.close());

  const get = (url: string, role: 'finance' | 'admin' = 'finance') => t.http.get(url).set(t.as(role));
  const amounts = (count: number, goods: number, shipping: number, returnShipping: number, processingFee: number, feeRetained: number) =>
    ({ count, goods, shipping, returnShipping, processingFee, feeRetained, total: goods + shipping + returnShipping + processingFee });
  const EUR = { currency: 'EUR', ...amounts(3, 3700, 500, 300, 17, 30) };
  const USD = { currency: 'USD', ...amounts(2, 8000, 500, 0, 0, 40) };

  it('totals the period per currency, never across currencies', async () => {
    const res = await get(`${march}&groupBy=currency`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      from: '2026-03-01', to: '2026-03-31', groupBy: 'currency',
      rows: [{ key: 'EUR', ...EUR }, { key: 'USD', ...USD }],
      totals: [EUR, USD],
    });
  });

  it('groups by UTC day (the default), split by currency', async () => {
    const res = await get(march).expect(200);
    expect(res.body.groupBy).toBe('day');
    expect(res.body.rows).toEqual([
      { key: '2026-03-01', currency: 'EUR', ...amounts(1, 1000, 500, 300, 12, 0) },
      { key: '2026-03-15', currency: 'EUR', ...amounts(1, 2000, 0, 0, 0, 30) },
      { key: '2026-03-15', currency: 'USD', ...amounts(2, 8000, 500, 0, 0, 40) },
      { key: '2026-03-31', currency: 'EUR', ...amounts(1, 700, 0, 0, 5, 0) },
    ]);
    expect(res.body.totals).toEqual([EUR, USD]);
  });

  it('groups by payment method', async () => {
    const res = await get(`${march}&groupBy=method`).expect(200);
    expect(res.body.rows).toEqual([
      { key: 'card', currency: 'EUR', ...amounts(2, 1700, 500, 300, 17, 0) },
      { key: 'card', currency: 'USD', ...amounts(1, 3000, 0, 0, 0, 40) },
      { key: 'paypal', currency: 'EUR', ...amounts(1, 2000, 0, 0, 0, 30) },
      { key: 'wallet', currency: 'USD', ...amounts(1, 5000, 500, 0, 0, 0) },
    ]);
  });

  it('groups by reason', async () => {
    const res = await get(`${march}&groupBy=reason`).expect(200);
    expect(res.body.rows).toEqual([
      { key: 'cancellation', currency: 'USD', ...amounts(1, 5000, 500, 0, 0, 0) },
      { key: 'delivery_failed', currency: 'EUR', ...amounts(1, 2000, 0, 0, 0, 30) },
      { key: 'goodwill', currency: 'EUR', ...amounts(1, 700, 0, 0, 5, 0) },
      { key: 'return', currency: 'EUR', ...amounts(1, 1000, 500, 300, 12, 0) },
      { key: 'return', currency: 'USD', ...amounts(1, 3000, 0, 0, 0, 40) },
    ]);
  });

  it('groups by destination', async () => {
    const res = await get(`${march}&groupBy=destination`).expect(200);
    expect(res.body.rows).toEqual([
      { key: 'original', ...EUR },
      { key: 'wallet', ...USD },
    ]);
  });

  it('counts a day from its first to its last millisecond, in UTC', async () => {
    const lastDay = await get('/reports/refunds?from=2026-03-31&to=2026-03-31&groupBy=currency').expect(200);
    expect(lastDay.body.totals).toEqual([{ currency: 'EUR', ...amounts(1, 700, 0, 0, 5, 0) }]);
    // 23:59:59.999Z, and 00:30 at UTC+1 on March 1st, are both February 28th in UTC.
    const feb28 = await get('/reports/refunds?from=2026-02-28&to=2026-02-28&groupBy=currency').expect(200);
    expect(feb28.body.totals).toEqual([{ currency: 'EUR', ...amounts(2, 444, 0, 0, 0, 0) }]);
    const apr1 = await get('/reports/refunds?from=2026-04-01&to=2026-04-01&groupBy=currency').expect(200);
    expect(apr1.body.totals).toEqual([{ currency: 'EUR', ...amounts(1, 222, 0, 0, 0, 0) }]);
  });

  it('answers empty rows and totals for a period without refunds', async () => {
    const res = await get('/reports/refunds?from=2025-01-01&to=2025-12-31&groupBy=reason').expect(200);
    expect(res.body).toEqual({ from: '2025-01-01', to: '2025-12-31', groupBy: 'reason', rows: [], totals: [] });
  });

  it('answers the rows as CSV for Accept: text/csv or format=csv, amounts in minor units', async () => {
    const byAccept = await get(`${march}&groupBy=method`).set('Accept', 'text/csv').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(byAccept.headers['content-disposition']).toBe('attachment; filename="refunds-2026-03-01-2026-03-31-by-method.csv"');
    expect(byAccept.text).toBe([
      'key,currency,count,goods,shipping,returnShipping,processingFee,feeRetained,total',
      'card,EUR,2,1700,500,300,17,0,2517',
      'card,USD,1,3000,0,0,0,40,3000',
      'paypal,EUR,1,2000,0,0,0,30,2000',
      'wallet,USD,1,5000,500,0,0,0,5500',
      '',
    ].join('\r\n'));
    const byFormat = await get(`${march}&groupBy=method&format=csv`).expect(200);
    expect(byFormat.text).toBe(byAccept.text);
    const header = await get('/reports/refunds?from=2025-01-01&to=2025-01-01&format=csv').expect(200);
    expect(header.text).toBe('key,currency,count,goods,shipping,returnShipping,processingFee,feeRetained,total\r\n');
  });

  describe('refuses a malformed query with 400 validation_failed, per field', () => {
    const expectInvalid = async (query: string, field: string) => {
      const res = await get(`/reports/refunds?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return res.body;
    };

    it('a date that is missing, not YYYY-MM-DD, or not in the calendar', async () => {
      await expectInvalid('to=2026-03-31', 'from');
      await expectInvalid('from=2026-03-01', 'to');
      const body = await expectInvalid('from=2026-02-30&to=2026-03-31', 'from');
      expect(body.errors).toEqual([{ field: 'from', message: 'from must be a date YYYY-MM-DD' }]);
      await expectInvalid('from=2026-3-1&to=2026-03-31', 'from');
      await expectInvalid('from=2026-03-01&to=2026-03-31T00:00:00Z', 'to');
      await expectInvalid('from=2026-03-01&to=yesterday', 'to');
    });

    it('from after to', async () => {
      const body = await expectInvalid('from=2026-04-01&to=2026-03-31', 'from');
      expect(body.detail).toMatch(/after/);
    });

    it('an unknown groupBy, format or parameter', async () => {
      await expectInvalid('from=2026-03-01&to=2026-03-31&groupBy=week', 'groupBy');
      await expectInvalid('from=2026-03-01&to=2026-03-31&format=xml', 'format');
      await expectInvalid('from=2026-03-01&to=2026-03-31&currency=EUR', 'currency');
    });
  });

  it('waits for its own write with minPosition, and refuses a position this store never made', async () => {
    const position = await t.appendOrder({ orderId: 'chf-gpay', currency: 'CHF', method: 'gpay' }, [{ refundId: 'r', at: '2025-07-04T10:00:00.000Z', goods: 42 }]);
    const res = await get(`/reports/refunds?from=2025-07-04&to=2025-07-04&groupBy=currency&minPosition=${position}`).expect(200);
    expect(res.body.totals).toEqual([{ currency: 'CHF', ...amounts(1, 42, 0, 0, 0, 0) }]);
    const bad = await get('/reports/refunds?from=2025-07-04&to=2025-07-04&minPosition=nope').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'minPosition', message: expect.any(String) }]);
  });

  it('is for the finance and admin roles only', async () => {
    await t.http.get(march).expect(401);
    await t.http.get(march).set(t.as('service')).expect(403);
    await t.http.get(march).set(t.as('auditor')).expect(403);
    await get(march, 'admin').expect(200);
  });
});
