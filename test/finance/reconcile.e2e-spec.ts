import { PostgresEventStore } from '@app/event-store';
import { addAmounts, FINANCE_SCHEMA, financeProjection, readLedger, reconcile, refundReport, REPORT_GROUP_BY } from '@app/projections/finance';
import { runReconcileCli } from '@app/projections/finance/reconcile-cli';
import { ProjectionRuntime, rebuildProjection } from '@app/projections/runtime';
import { appendOrderWithRefunds } from './support/finance-events';
import { openFinanceDb, type FinanceDb } from './support/finance-db';
import { expectedTotals, generateOrders } from './support/generated-refunds';

/** Thousands of refunds through the real event store and the real projection runtime. */
describe('finance reconciliation and rebuild', () => {
  let f: FinanceDb;
  let store: PostgresEventStore;
  let runtime: ProjectionRuntime;
  const orders = generateOrders(1200);
  const refundCount = orders.reduce((n, o) => n + o.refunds.length, 0);
  const period = { from: '2026-02-01', to: '2026-11-30' };

  const check = (p = period) => reconcile({ store, db: f.pool, ...p });
  const fullReport = async () => {
    const reports = [];
    for (const groupBy of REPORT_GROUP_BY) reports.push(await refundReport(f.pool, FINANCE_SCHEMA, { from: '2026-01-01', to: '2026-12-31', groupBy }));
    const ledger = [];
    for await (const row of readLedger(f.pool, FINANCE_SCHEMA, {})) ledger.push(row);
    return { reports, ledger };
  };

  beforeAll(async () => {
    f = await openFinanceDb('finance_reconcile');
    store = new PostgresEventStore(f.pool);
    let last = '';
    for (const { order, refunds } of orders) last = (await appendOrderWithRefunds(store, order, refunds)).position;
    runtime = new ProjectionRuntime(f.pool, store, [financeProjection], { batchSize: 1000, standbyRetryMs: 50, backoffBaseMs: 50 });
    runtime.start();
    if (!(await runtime.waitFor('finance', last, 60_000))) throw new Error('finance projection did not catch up');
  });
  afterAll(async () => {
    await runtime.stop();
    await store.close();
    await f.close();
  });

  it('has a few thousand refunds to work on', () => {
    expect(refundCount).toBeGreaterThan(2500);
  });

  it('finds the report equal to the replayed events, to the cent, per currency', async () => {
    const result = await check();
    expect(result.differences).toEqual([]);
    expect(result.missingFromLedger).toEqual([]);
    expect(result.notInLog).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.replayed).toEqual(expectedTotals(orders, period.from, period.to));
    expect(result.reported).toEqual(result.replayed);
    expect(result.replayed.map((t) => t.currency)).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
  });

  it('answers the same report after a rebuild of the projection as before it', async () => {
    const before = await fullReport();
    expect(before.ledger).toHaveLength(refundCount);
    const rebuilt = await rebuildProjection(f.pool, store, financeProjection, { batchSize: 700 });
    expect(rebuilt.events).toBe(orders.length + refundCount);
    expect(await fullReport()).toEqual(before);
    expect((await check()).ok).toBe(true);
  });

  it('reports a tampered sum per currency, field and report row, and a ledger row gone missing', async () => {
    const { rows: [tampered] } = await f.pool.query<{ day: string }>(`UPDATE finance.refund_daily SET goods = goods + 1, total = total + 1
      WHERE dimension = 'all' AND currency = 'GBP' AND day = (SELECT min(day) FROM finance.refund_daily WHERE currency = 'GBP' AND day >= '2026-06-15')
      RETURNING to_char(day, 'YYYY-MM-DD') AS day`);
    await f.pool.query(`UPDATE finance.refund_daily SET fee_retained = fee_retained - 3
      WHERE dimension = 'method' AND key = 'paypal' AND currency = 'JPY' AND day = (SELECT min(day) FROM finance.refund_daily WHERE dimension = 'method' AND key = 'paypal' AND currency = 'JPY' AND day >= '2026-06-15')`);
    const [gone] = (await f.pool.query(`DELETE FROM finance.refunds WHERE ctid = (SELECT ctid FROM finance.refunds WHERE issued_at >= '2026-03-01' ORDER BY issued_at LIMIT 1) RETURNING order_id, refund_id`)).rows;
    const result = await check();
    expect(result.ok).toBe(false);
    const gbp = result.replayed.find((t) => t.currency === 'GBP')!;
    const day = (await reconcile({ store, db: f.pool, from: tampered.day, to: tampered.day })).replayed.find((t) => t.currency === 'GBP')!;
    const paypalJpy = result.differences.find((d) => d.scope === 'method=paypal')!;
    expect(result.differences).toEqual([
      { scope: 'totals', currency: 'GBP', field: 'goods', replayed: gbp.goods, reported: addAmounts(gbp.goods, 1) },
      { scope: 'totals', currency: 'GBP', field: 'total', replayed: gbp.total, reported: addAmounts(gbp.total, 1) },
      { scope: `day=${tampered.day}`, currency: 'GBP', field: 'goods', replayed: day.goods, reported: addAmounts(day.goods, 1) },
      { scope: `day=${tampered.day}`, currency: 'GBP', field: 'total', replayed: day.total, reported: addAmounts(day.total, 1) },
      { scope: 'method=paypal', currency: 'JPY', field: 'feeRetained', replayed: paypalJpy.replayed, reported: addAmounts(paypalJpy.replayed, -3) },
      { scope: 'currency=GBP', currency: 'GBP', field: 'goods', replayed: gbp.goods, reported: addAmounts(gbp.goods, 1) },
      { scope: 'currency=GBP', currency: 'GBP', field: 'total', replayed: gbp.total, reported: addAmounts(gbp.total, 1) },
    ]);
    expect(result.missingFromLedger).toEqual([`${gone.order_id}/${gone.refund_id}`]);

    const lines: string[] = [];
    const code = await runReconcileCli(['--from', period.from, '--to', period.to], { DATABASE_URL: f.db.url, LOG_LEVEL: 'warn' }, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines).toContain(`DIFFERENCE GBP goods (totals): events ${gbp.goods}, report ${addAmounts(gbp.goods, 1)} (report - events = 1)`);
    expect(lines.some((l) => l.startsWith('MISSING FROM LEDGER (1): '))).toBe(true);
    expect(lines[lines.length - 1]).toBe('MISMATCH: see above.');
  });

  it('is repaired by a rebuild; the CLI then exits 0', async () => {
    await rebuildProjection(f.pool, store, financeProjection, { batchSize: 1000 });
    const lines: string[] = [];
    const code = await runReconcileCli([`--from=${period.from}`, `--to=${period.to}`], { DATABASE_URL: f.db.url }, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) });
    expect(lines[lines.length - 1]).toBe('OK: the report equals the events, to the cent.');
    expect(code).toBe(0);
  });

  it('refuses bad CLI arguments with exit code 2', async () => {
    const errors: string[] = [];
    const out = { log: () => undefined, error: (l: string) => errors.push(l) };
    expect(await runReconcileCli(['--from', '2026-02-30', '--to', '2026-03-01'], {}, out)).toBe(2);
    expect(await runReconcileCli(['--from', '2026-03-02', '--to', '2026-03-01'], {}, out)).toBe(2);
    expect(await runReconcileCli(['--since', '2026-03-01'], {}, out)).toBe(2);
    expect(errors[0]).toMatch(/--from must be a date YYYY-MM-DD/);
  });
});
