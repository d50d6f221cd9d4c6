import { CurrencySums, exactInteger, exactSum } from './amounts';

describe('finance amounts', () => {
  it('turns PostgreSQL bigint and numeric text into exact integers, refusing what a double would round', () => {
    expect(exactInteger('9007199254740991', 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(exactInteger('-42', 'x')).toBe(-42);
    expect(exactInteger('123456789012345', 'x')).toBe(123456789012345);
    expect(() => exactInteger('9007199254740993', 'EUR total')).toThrow(/EUR total/);
  });

  it('sums per currency, never across, in sorted currency order', () => {
    const sums = new CurrencySums();
    sums.add('USD', { goods: 100, total: 100 });
    sums.add('EUR', { goods: 1, shipping: 2, returnShipping: 3, processingFee: 4, feeRetained: 5, total: 10 });
    sums.add('EUR', { goods: 1, total: 1, feeRetained: null });
    sums.addTotals({ currency: 'USD', count: 3, goods: 7, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 7 });
    expect(sums.totals()).toEqual([
      { currency: 'EUR', count: 2, goods: 2, shipping: 2, returnShipping: 3, processingFee: 4, feeRetained: 5, total: 11 },
      { currency: 'USD', count: 4, goods: 107, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 107 },
    ]);
  });

  it('refuses a sum a JSON number cannot hold exactly, rather than round it', () => {
    const sums = new CurrencySums();
    sums.add('EUR', { total: Number.MAX_SAFE_INTEGER - 1 });
    sums.add('EUR', { total: 1 });
    expect(sums.totals()[0].total).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sums.add('EUR', { total: 1 })).toThrow(/EUR total/);
  });

  it('checks each step: a partial sum past 2^53 could already have rounded', () => {
    expect(() => exactSum(Number.MAX_SAFE_INTEGER, 2, 'x')).toThrow(RangeError);
    expect(exactSum(-5, 3, 'x')).toBe(-2);
  });
});
