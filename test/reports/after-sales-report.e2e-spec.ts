/**
 * GET /reports/after-sales on the real app (issue #19.4): three orders driven over HTTP with the
 * test clock through complaints (opened, answered, resolved, reopened by unsatisfied feedback,
 * one never answered), returns of every resolution and two repairs, then every figure of the
 * report checked against numbers worked out by hand below.
 *
 * Calendar: UTC, Tuesday 10 March 2026 a holiday (HOLIDAYS). March 2026: Monday 2 to Sunday 8 is
 * ISO week 2026-W10, Monday 9 to Sunday 15 2026-W11, Monday 16 to Sunday 22 2026-W12. The test
 * clock runs on from each instant it is set to, so events land a few milliseconds after it:
 * hours are reported to two decimals and days whole, which those milliseconds cannot move.
 */
import { expectOk, orderBody, ordersApi, startTestApp, type TestApp } from '@app/harness';

describe('GET /reports/after-sales', () => {
  let t: TestApp;
  let api: ReturnType<typeof ordersApi>;
  let position = '';
  const march = '/reports/after-sales?from=2026-03-01&to=2026-03-31';

  const travel = (now: string) => expectOk(t.http.post('/admin/clock').set(t.as('admin')).send({ now }));
  const ok = async (pending: ReturnType<typeof api.post>) => {
    position = String((await expectOk(pending)).body.position);
  };
  const complaint = (orderId: string, complaintId: string, action: string, body: object = {}) =>
    ok(api.post(`/orders/${orderId}/complaints${action ? `/${complaintId}/${action}` : ''}`, action ? body : { complaintId, ...body }));
  const returns = (orderId: string, path: string, body: object = {}) => ok(api.post(`/orders/${orderId}/returns${path}`, body));
  const sendBack = async (orderId: string, returnId: string) => {
    await returns(orderId, `/${returnId}/approve`);
    await returns(orderId, `/${returnId}/dispatch`, { carrier: 'La Poste', trackingNumber: `RT-${returnId}`, shippingCost: 0 });
  };
  const get = (url: string, role: 'service' | 'admin' = 'service') => t.http.get(`${url}&minPosition=${position}`).set(t.as(role));

  const physical = (lineId: string) => ({ lineId, sku: `KB-${lineId}`, name: 'Keyboard', quantity: 1, unitPrice: 4999, category: 'physical' });
  const custom = (lineId: string) => ({ lineId, sku: `MUG-${lineId}`, name: 'Engraved mug', quantity: 1, unitPrice: 3000, category: 'custom' });
  const A = orderBody({ lines: [physical('1'), physical('2')] }); // complaints and returns: category physical
  const B = orderBody({ lines: [custom('1')] }); // custom
  const C = orderBody({ lines: [physical('1'), custom('2')] }); // complaints: mixed; a return of both lines: mixed
  const [a, b, c] = [A, B, C].map((body) => String(body.orderId));

  beforeAll(async () => {
    t = await startTestApp({ HOLIDAYS: '2026-03-10' });
    api = ordersApi(t);

    await travel('2026-03-02T08:00:00.000Z'); // Monday: all three delivered
    for (const body of [A, B, C]) await api.delivered(body);

    await travel('2026-03-02T10:00:00.000Z');
    await complaint(a, 'k-1', '', { category: 'quality', message: 'Keys stick' }); // window 1 starts
    await travel('2026-03-02T14:00:00.000Z');
    await complaint(a, 'k-1', 'respond', { message: 'Sorry, we look into it' }); // window 1: 4 h
    await travel('2026-03-03T09:00:00.000Z');
    await returns(a, '', { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'repair' });
    await sendBack(a, 'r-1');
    await travel('2026-03-03T10:00:00.000Z');
    await complaint(a, 'k-1', 'resolve', { resolution: 'repair offered' });
    await travel('2026-03-04T09:00:00.000Z');
    await returns(a, '/r-1/receive', { inspection: 'passed' }); // r-1 received on Wednesday 4
    await travel('2026-03-04T10:00:00.000Z');
    await complaint(a, 'k-1', 'feedback', { satisfied: false }); // feedback, reopened: window 2 starts
    await travel('2026-03-05T09:00:00.000Z');
    await returns(a, '', { returnId: 'r-2', lines: [{ lineId: '2', quantity: 1 }], reason: 'no_reason', resolution: 'refund' });
    await travel('2026-03-06T12:00:00.000Z');
    await complaint(a, 'k-1', 'resolve', { resolution: 'replacement keys sent' }); // window 2 ends: resolved without a response
    await travel('2026-03-06T20:00:00.000Z');
    await complaint(b, 'k-1', '', { category: 'quality', message: 'Name misspelt' }); // window 3 starts, Friday evening
    await travel('2026-03-09T08:00:00.000Z');
    await complaint(b, 'k-1', 'respond', { message: 'We will redo it' }); // window 3 ends Monday morning
    await travel('2026-03-09T09:00:00.000Z');
    await complaint(a, 'k-1', 'feedback', { satisfied: true });
    await travel('2026-03-09T09:30:00.000Z');
    await returns(a, '/r-1/repaired', { shipmentId: 's-rep-1', carrier: 'DHL', trackingNumber: 'REP-1' });
    await travel('2026-03-09T12:00:00.000Z');
    await complaint(b, 'k-1', 'resolve', { resolution: 'remade' });
    await travel('2026-03-09T15:00:00.000Z');
    await complaint(b, 'k-1', 'feedback', { satisfied: true });
    await travel('2026-03-09T20:00:00.000Z');
    await complaint(c, 'k-1', '', { category: 'delivery', message: 'Box crushed' }); // window 4 starts
    await travel('2026-03-11T09:00:00.000Z'); // across the holiday
    await complaint(c, 'k-1', 'respond', { message: 'Checking with the carrier' });
    await travel('2026-03-11T10:00:00.000Z');
    await complaint(c, 'k-2', '', { category: 'billing', message: 'Charged twice?' }); // window 5 starts
    await travel('2026-03-11T11:00:00.000Z');
    await returns(b, '', { returnId: 'r-3', lines: [{ lineId: '1', quantity: 1 }], reason: 'not_as_described', resolution: 'exchange' });
    await travel('2026-03-11T12:30:00.000Z');
    await complaint(c, 'k-2', 'respond', { message: 'Only one charge went through' });
    await travel('2026-03-12T09:00:00.000Z');
    await complaint(a, 'k-2', '', { category: 'service', message: 'Nobody answers' }); // window 6: never answered
    await travel('2026-03-12T10:00:00.000Z');
    await returns(c, '', { returnId: 'r-4', lines: [{ lineId: '1', quantity: 1 }, { lineId: '2', quantity: 1 }], reason: 'defective', resolution: 'repair' });
    await sendBack(c, 'r-4');
    await travel('2026-03-13T10:00:00.000Z');
    await returns(c, '/r-4/receive', { inspection: 'passed' }); // r-4 received on Friday 13
    await travel('2026-03-19T09:00:00.000Z');
    await complaint(b, 'k-2', '', { category: 'delivery', message: 'Where is the new one?' }); // window 7: running, due Fri 20 09:00
    await travel('2026-03-19T10:00:00.000Z');
    await returns(c, '/r-4/repaired', { shipmentId: 's-rep-4', carrier: 'DHL', trackingNumber: 'REP-4' });
  }, 120_000);
  afterAll(() => t?.close());

  /*
   * Response windows (an opening or a reopening to its first ComplaintResponded or ComplaintResolved;
   * business hours: every hour of a business day, none of a weekend or the holiday):
   *   1 A k-1 opened   Mon 2 10:00 → responded Mon 2 14:00                       4 h, 4 h elapsed ≤ 24 h: met       W10 physical
   *   2 A k-1 reopened Wed 4 10:00 → resolved Fri 6 12:00   14 + 24 + 12 =      50 h, 50 h elapsed: breached      W10 physical
   *   3 B k-1 opened   Fri 6 20:00 → responded Mon 9 08:00  4 (Fri) + 8 (Mon) = 12 h, 60 h elapsed: breached      W10 custom
   *   4 C k-1 opened   Mon 9 20:00 → responded Wed 11 09:00 4 + 0 (holiday) + 9 = 13 h, 37 h elapsed: breached   W11 mixed
   *   5 C k-2 opened   Wed 11 10:00 → responded Wed 11 12:30                    2.5 h, met                          W11 mixed
   *   6 A k-2 opened   Thu 12 09:00, never answered: due Fri 13 09:00, now Thu 19: breached (overdue)              W11 physical
   *   7 B k-2 opened   Thu 19 09:00, not answered yet: due Fri 20 09:00, now Thu 19 10:00: neither met nor breached  W12 custom
   * Percentiles, nearest rank: the value at rank ceil(p × n) of the sorted answered windows.
   *   all   [2.5, 4, 12, 13, 50]: p50 rank ceil(2.5) = 3 → 12, p90 rank ceil(4.5) = 5 → 50; SLA 2 met of 6 = 33.3 %
   *   W10   [4, 12, 50]: p50 rank 2 → 12, p90 rank ceil(2.7) = 3 → 50; SLA 1 of 3 = 33.3 %
   *   W11   [2.5, 13]: p50 rank 1 → 2.5, p90 rank ceil(1.8) = 2 → 13; SLA 1 (5) of 3 (4, 5, 6) = 33.3 %; W12: window 7 only, SLA none (null)
   *   physical [4, 50] → 4 and 50, SLA 1 of 3 (1, 2, 6) = 33.3 %; custom [12] → 12 and 12, SLA 0 of 1 (3; 7 is still in time) = 0 %;
   *   mixed [2.5, 13] → 2.5 and 13, SLA 1 of 2 = 50 %
   * Complaint events: opened A k-1 (W10 phys), B k-1 (W10 custom), C k-1, C k-2 (W11 mixed), A k-2 (W11 phys), B k-2 (W12 custom) = 6;
   *   resolved A k-1 twice (W10 phys), B k-1 (W11 custom) = 3; reopened A k-1 (W10 phys) = 1;
   *   feedback A unsatisfied (W10 phys), A satisfied (W11 phys), B satisfied (W11 custom): 2 of 3 = 66.7 %,
   *   W10 0 of 1 = 0 %, W11 2 of 2 = 100 %, physical 1 of 2 = 50 %, custom 1 of 1 = 100 %, mixed none (null).
   * Returns requested: r-1 A defective/repair (Tue 3, W10 phys), r-2 A no_reason/refund (Thu 5, W10 phys),
   *   r-3 B not_as_described/exchange (Wed 11, W11 custom), r-4 C lines 1 + 2 defective/repair (Thu 12, W11 mixed).
   * Repairs, business days after the receipt's date up to the completion's: r-1 received Wed 4, completed
   *   Mon 9 (Thu 5, Fri 6, Mon 9) = 3, W11 physical; r-4 received Fri 13, completed Thu 19 (Mon 16 to Thu 19) = 4,
   *   W12 mixed. All: [3, 4]: p50 rank 1 → 3, p90 rank ceil(1.8) = 2 → 4.
   */
  const reasons = (counts: Partial<Record<string, number>>) =>
    ({ no_reason: 0, defective: 0, damaged_in_transit: 0, wrong_item: 0, not_as_described: 0, ...counts });
  const resolutions = (counts: Partial<Record<string, number>>) => ({ refund: 0, exchange: 0, repair: 0, ...counts });
  const figures = (f: {
    complaints: [number, number, number]; response: [number, number | null, number | null]; sla: [number, number, number | null];
    satisfaction: [number, number, number | null]; returns: [number, Partial<Record<string, number>>, Partial<Record<string, number>>];
    repairs: [number, number | null, number | null];
  }) => ({
    complaints: { opened: f.complaints[0], resolved: f.complaints[1], reopened: f.complaints[2] },
    firstResponse: { answered: f.response[0], p50Hours: f.response[1], p90Hours: f.response[2] },
    responseSla: { met: f.sla[0], breached: f.sla[1], metPercent: f.sla[2] },
    satisfaction: { feedback: f.satisfaction[0], satisfied: f.satisfaction[1], satisfiedPercent: f.satisfaction[2] },
    returns: { requested: f.returns[0], byReason: reasons(f.returns[1]), byResolution: resolutions(f.returns[2]) },
    repairTurnaround: { completed: f.repairs[0], p50BusinessDays: f.repairs[1], p90BusinessDays: f.repairs[2] },
  });
  const NONE = { complaints: [0, 0, 0], response: [0, null, null], sla: [0, 0, null], satisfaction: [0, 0, null], returns: [0, {}, {}], repairs: [0, null, null] } as const;

  const TOTALS = figures({
    complaints: [6, 3, 1], response: [5, 12, 50], sla: [2, 4, 33.3], satisfaction: [3, 2, 66.7],
    returns: [4, { defective: 2, no_reason: 1, not_as_described: 1 }, { repair: 2, refund: 1, exchange: 1 }], repairs: [2, 3, 4],
  });
  const W10 = figures({
    complaints: [2, 2, 1], response: [3, 12, 50], sla: [1, 2, 33.3], satisfaction: [1, 0, 0],
    returns: [2, { defective: 1, no_reason: 1 }, { repair: 1, refund: 1 }], repairs: [0, null, null],
  });
  const W11 = figures({
    complaints: [3, 1, 0], response: [2, 2.5, 13], sla: [1, 2, 33.3], satisfaction: [2, 2, 100],
    returns: [2, { not_as_described: 1, defective: 1 }, { exchange: 1, repair: 1 }], repairs: [1, 3, 3],
  });
  const W12 = figures({ ...NONE, complaints: [1, 0, 0], returns: [0, {}, {}], repairs: [1, 4, 4] } as Parameters<typeof figures>[0]);
  const BY_WEEK = { from: '2026-03-01', to: '2026-03-31', groupBy: 'week', rows: [
    { key: '2026-W10', ...W10 }, { key: '2026-W11', ...W11 }, { key: '2026-W12', ...W12 },
  ], totals: TOTALS };

  it('groups by ISO week (UTC), the default, with the totals of the whole period', async () => {
    const res = await get(march).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(BY_WEEK);
  });

  it('groups by the product category of the lines concerned, mixed when they differ', async () => {
    const res = await get(`${march}&groupBy=category`).expect(200);
    expect(res.body).toEqual({ from: '2026-03-01', to: '2026-03-31', groupBy: 'category', rows: [
      { key: 'custom', ...figures({
        complaints: [2, 1, 0], response: [1, 12, 12], sla: [0, 1, 0], satisfaction: [1, 1, 100],
        returns: [1, { not_as_described: 1 }, { exchange: 1 }], repairs: [0, null, null] }) },
      { key: 'mixed', ...figures({
        complaints: [2, 0, 0], response: [2, 2.5, 13], sla: [1, 1, 50], satisfaction: [0, 0, null],
        returns: [1, { defective: 1 }, { repair: 1 }], repairs: [1, 4, 4] }) },
      { key: 'physical', ...figures({
        complaints: [2, 2, 1], response: [2, 4, 50], sla: [1, 2, 33.3], satisfaction: [2, 1, 50],
        returns: [2, { defective: 1, no_reason: 1 }, { repair: 1, refund: 1 }], repairs: [1, 3, 3] }) },
    ], totals: TOTALS });
  });

  it('counts what happened in the period only: week 10 alone is the W10 row', async () => {
    const res = await get('/reports/after-sales?from=2026-03-02&to=2026-03-08').expect(200);
    expect(res.body).toEqual({ from: '2026-03-02', to: '2026-03-08', groupBy: 'week', rows: [{ key: '2026-W10', ...W10 }], totals: W10 });
    const empty = await get('/reports/after-sales?from=2025-01-01&to=2025-12-31&groupBy=category').expect(200);
    expect(empty.body).toEqual({ from: '2025-01-01', to: '2025-12-31', groupBy: 'category', rows: [], totals: figures(NONE as unknown as Parameters<typeof figures>[0]) });
  });

  it('answers the same before and after a rebuild of its projection', async () => {
    const before = await get(`${march}&groupBy=category`).expect(200);
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of ['orders', 'complaint_events', 'responses', 'returns']) {
        out[table] = (await t.pool.query<{ row: string }>(`SELECT to_jsonb(x)::text AS row FROM after_sales_report.${table} x ORDER BY 1`)).rows.map((r) => r.row);
      }
      return out;
    };
    const tables = await snapshot();
    expect(tables.responses).toHaveLength(7);
    const rebuilt = await expectOk(t.http.post('/admin/projections/after-sales-report/rebuild').set(t.as('admin')));
    expect(rebuilt.body).toMatchObject({ name: 'after-sales-report', version: 1 });
    expect(await snapshot()).toEqual(tables);
    expect((await get(`${march}&groupBy=category`).expect(200)).body).toEqual(before.body);
    expect((await get(march).expect(200)).body).toEqual(BY_WEEK);
  });

  it('answers the rows as CSV for Accept: text/csv or format=csv, one column per figure', async () => {
    const byAccept = await get(march).set('Accept', 'text/csv').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(byAccept.headers['content-disposition']).toBe('attachment; filename="after-sales-2026-03-01-2026-03-31-by-week.csv"');
    const header = 'key,complaintsOpened,complaintsResolved,complaintsReopened,firstResponseAnswered,firstResponseP50Hours,firstResponseP90Hours,'
      + 'responseSlaMet,responseSlaBreached,responseSlaMetPercent,feedback,satisfied,satisfiedPercent,returnsRequested,'
      + 'returnsReason_no_reason,returnsReason_defective,returnsReason_damaged_in_transit,returnsReason_wrong_item,returnsReason_not_as_described,'
      + 'returnsResolution_refund,returnsResolution_exchange,returnsResolution_repair,repairsCompleted,repairP50BusinessDays,repairP90BusinessDays';
    expect(byAccept.text).toBe([
      header,
      '2026-W10,2,2,1,3,12,50,1,2,33.3,1,0,0,2,1,1,0,0,0,1,0,1,0,,',
      '2026-W11,3,1,0,2,2.5,13,1,2,33.3,2,2,100,2,0,1,0,0,1,0,1,1,1,3,3',
      '2026-W12,1,0,0,0,,,0,0,,0,0,,0,0,0,0,0,0,0,0,0,1,4,4',
      '',
    ].join('\r\n'));
    const byFormat = await get(`${march}&format=csv`).set('Accept', 'application/json').expect(200);
    expect(byFormat.text).toBe(byAccept.text);
    const headerOnly = await get('/reports/after-sales?from=2025-01-01&to=2025-01-01&format=csv').expect(200);
    expect(headerOnly.text).toBe(`${header}\r\n`);
  });

  it('is for the service and admin roles only', async () => {
    await t.http.get(march).expect(401);
    await t.http.get(march).set(t.as('finance')).expect(403);
    await t.http.get(march).set(t.as('auditor')).expect(403);
    await get(march, 'admin').expect(200);
  });

  describe('refuses a malformed query with 400 validation_failed, one message per problem', () => {
    const expectInvalid = async (query: string) => {
      const res = await t.http.get(`/reports/after-sales?${query}`).set(t.as('service')).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
      return res.body.errors as Array<{ field: string; message: string }>;
    };

    it('a missing or impossible date', async () => {
      expect(await expectInvalid('to=2026-03-31')).toEqual([{ field: 'from', message: 'from is required' }]);
      expect(await expectInvalid('from=2026-02-30&to=2026-03-31')).toEqual([{ field: 'from', message: 'from must be a date YYYY-MM-DD' }]);
      expect(await expectInvalid('from=2026-03-01&to=2026-W12')).toEqual([{ field: 'to', message: 'to must be a date YYYY-MM-DD' }]);
      expect(await expectInvalid('')).toEqual([{ field: 'from', message: 'from is required' }, { field: 'to', message: 'to is required' }]);
    });

    it('from after to', async () => {
      expect(await expectInvalid('from=2026-04-01&to=2026-03-31')).toEqual([{ field: 'from', message: 'from must not be after to' }]);
    });

    it('an unknown groupBy, format or parameter, a bad minPosition', async () => {
      expect((await expectInvalid('from=2026-03-01&to=2026-03-31&groupBy=day')).map((e) => e.field)).toEqual(['groupBy']);
      expect((await expectInvalid('from=2026-03-01&to=2026-03-31&format=xml')).map((e) => e.field)).toEqual(['format']);
      expect((await expectInvalid('from=2026-03-01&to=2026-03-31&category=physical')).map((e) => e.field)).toEqual(['category']);
      expect((await expectInvalid('from=2026-03-01&to=2026-03-31&minPosition=nope')).map((e) => e.field)).toEqual(['minPosition']);
    });
  });
});
