import { addAmounts, CurrencySums, exactInteger, exactSum, subtractAmounts, toAmount } from './amounts';

const MAX = Number.MAX_SAFE_INTEGER;

describe('finance amounts', () => {
  it('turns PostgreSQL bigint and numeric text into exact integers, refusing what a double would round', () => {
    expect(exactInteger('9007199254740991', 'x')).toBe(MAX);
    expect(exactInteger('-42', 'x')).toBe(-42);
    expect(exactInteger('123456789012345', 'x')).toBe(123456789012345);
    expect(() => exactInteger('9007199254740993', 'EUR total')).toThrow(/EUR total/);
  });

  it('reads a sum as a Number while it is safe and as the exact BigInt past 2^53 − 1', () => {
    expect(toAmount('42')).toBe(42);
    expect(toAmount('9007199254740991')).toBe(MAX);
    expect(toAmount('-9007199254740991')).toBe(-MAX);
    expect(toAmount('9007199254740992')).toBe(9007199254740992n);
    expect(toAmount('99079191802149901000')).toBe(99079191802149901000n);
    expect(toAmount(12n)).toBe(12);
  });

  it('refuses anything but a whole number, rather than read it as one', () => {
    for (const bad of ['', ' 12', '1.5', '1e21', 'abc']) expect(() => toAmount(bad)).toThrow(RangeError);
    expect(() => toAmount(0.5)).toThrow(RangeError);
    expect(() => toAmount(2 ** 60)).toThrow(RangeError);
  });

  it('adds exactly past 2^53, and comes back to a Number when the result is safe again', () => {
    expect(addAmounts(MAX - 1, 1)).toBe(MAX);
    expect(addAmounts(MAX, 2)).toBe(9007199254740993n);
    expect(addAmounts(9007199254740993n, -2)).toBe(MAX);
    expect(subtractAmounts(9007199254740993n, 9007199254740990)).toBe(3);
    // A Number past 2^53 − 1 may be rounded already: never taken as exact.
    expect(() => addAmounts(2 ** 60, 1)).toThrow(RangeError);
    expect(() => addAmounts(1n, 0.5)).toThrow(RangeError);
    // 1,100 refunds of 2^53 − 1: past 2^63, where the bigint column overflowed.
    let sum: number | bigint = 0;
    for (let i = 0; i < 1100; i += 1) sum = addAmounts(sum, MAX);
    expect(sum).toBe(1100n * BigInt(MAX));
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

  it('goes on exactly past 2^53 − 1 instead of rounding or failing', () => {
    const sums = new CurrencySums();
    sums.add('EUR', { total: MAX - 1 });
    sums.add('EUR', { total: 1 });
    expect(sums.totals()[0].total).toBe(MAX);
    sums.add('EUR', { total: 1 });
    sums.addTotals({ currency: 'EUR', count: 2, goods: 0, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 10n ** 20n });
    expect(sums.totals()[0]).toMatchObject({ count: 5, total: 10n ** 20n + BigInt(MAX) + 1n });
  });

  it('checks each step of a count: a partial sum past 2^53 could already have rounded', () => {
    expect(() => exactSum(MAX, 2, 'x')).toThrow(RangeError);
    expect(exactSum(-5, 3, 'x')).toBe(-2);
  });
});
