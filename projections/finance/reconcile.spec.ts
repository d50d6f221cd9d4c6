import { compareTotals, formatReconciliation, type ReconcileResult } from './reconcile';
import { parseReconcileArgs } from './reconcile-cli';

const totals = (currency: string, goods: number, count = 1) =>
  ({ currency, count, goods, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: goods });

describe('reconciliation', () => {
  it('lists every field that differs, per currency, including a currency only one side has', () => {
    const scope = 'totals';
    expect(compareTotals([totals('EUR', 100), totals('USD', 5)], [totals('EUR', 101), totals('GBP', 7)])).toEqual([
      { scope, currency: 'EUR', field: 'goods', replayed: 100, reported: 101 },
      { scope, currency: 'EUR', field: 'total', replayed: 100, reported: 101 },
      { scope, currency: 'GBP', field: 'count', replayed: 0, reported: 1 },
      { scope, currency: 'GBP', field: 'goods', replayed: 0, reported: 7 },
      { scope, currency: 'GBP', field: 'total', replayed: 0, reported: 7 },
      { scope, currency: 'USD', field: 'count', replayed: 1, reported: 0 },
      { scope, currency: 'USD', field: 'goods', replayed: 5, reported: 0 },
      { scope, currency: 'USD', field: 'total', replayed: 5, reported: 0 },
    ]);
    expect(compareTotals([totals('EUR', 1)], [totals('EUR', 2)], 'method=card')[0].scope).toBe('method=card');
  });

  it('prints the totals, each difference and a verdict', () => {
    const result: ReconcileResult = {
      from: '2026-01-01', to: '2026-01-31', replayed: [totals('EUR', 100)], reported: [totals('EUR', 99)],
      differences: [
        { scope: 'day=2026-01-05', currency: 'EUR', field: 'goods', replayed: 30, reported: 29 },
        { scope: 'day=2026-01-06', currency: 'EUR', field: 'goods', replayed: 30, reported: 30 },
        { scope: 'totals', currency: 'EUR', field: 'goods', replayed: 100, reported: 99 },
      ],
      missingFromLedger: ['o-1/r-1'], notInLog: [], withoutCurrency: [], ok: false,
    };
    expect(formatReconciliation(result, 1)).toEqual([
      'Refunds issued 2026-01-01 to 2026-01-31 (UTC days, inclusive)',
      '  EUR: 1 refunds, goods 100, shipping 0, returnShipping 0, processingFee 0, feeRetained 0, total 100',
      'DIFFERENCE EUR goods (totals): events 100, report 99 (report - events = -1)',
      'DIFFERENCE EUR goods (day=2026-01-05): events 30, report 29 (report - events = -1)',
      '... and 1 more differences in report rows',
      'MISSING FROM LEDGER (1): o-1/r-1',
      'MISMATCH: see above.',
    ]);
  });

  it('compares and prints sums past 2^53 − 1 exactly', () => {
    const huge = { ...totals('EUR', 0), total: 9907919180214990100n };
    const off = { ...huge, total: 9907919180214990101n };
    const differences = compareTotals([huge], [off]);
    expect(differences).toEqual([{ scope: 'totals', currency: 'EUR', field: 'total', replayed: 9907919180214990100n, reported: 9907919180214990101n }]);
    expect(compareTotals([huge], [{ ...huge }])).toEqual([]);
    const lines = formatReconciliation({ from: '2026-05-04', to: '2026-05-04', replayed: [huge], reported: [off], differences, missingFromLedger: [], notInLog: [], withoutCurrency: [], ok: false });
    expect(lines).toContain('DIFFERENCE EUR total (totals): events 9907919180214990100, report 9907919180214990101 (report - events = 1)');
  });

  it('takes --from and --to, with a space or =', () => {
    expect(parseReconcileArgs(['--from', '2026-01-01', '--to=2026-01-31'])).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(() => parseReconcileArgs(['--from', '2026-01-01'])).toThrow(/--to must be a date/);
    expect(() => parseReconcileArgs(['--from', '2026-02-01', '--to', '2026-01-31'])).toThrow(/after/);
  });
});
