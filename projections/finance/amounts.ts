/**
 * Refund amounts as finance reads them: integer minor units of one currency (domain.md "Money").
 * PostgreSQL hands bigint and numeric sums back as strings; they become Numbers only after a check
 * that the value is an exact integer, and every sum in JavaScript is checked the same way, so a
 * report can never be off by a rounding of a double: it is exact or it fails loudly.
 */
export const AMOUNT_FIELDS = ['goods', 'shipping', 'returnShipping', 'processingFee', 'feeRetained', 'total'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];
export type Amounts = Record<AmountField, number>;

/** Count and amounts of a set of refunds in one currency. */
export interface CurrencyTotals extends Amounts {
  currency: string;
  count: number;
}

const SAFE_DIGITS = /^-?\d{1,15}$/;

/**
 * A whole number from PostgreSQL (bigint, numeric) or JSON, refused unless exactly representable.
 * `what` and `detail` name it in the error only: nothing is built on the common path.
 */
export function exactInteger(value: string | number | bigint, what: string, detail?: string): number {
  // Up to 15 digits is always safe: the common case, without a BigInt.
  if (typeof value === 'string' && SAFE_DIGITS.test(value)) return Number(value);
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what}${detail ? ` ${detail}` : ''} = ${big} is beyond the exact range of a JSON number`);
  }
  return Number(big);
}

/**
 * a + b, exactly, or a RangeError. Doubles add integers exactly while the true sum is within
 * ±(2^53 - 1); past it the rounded result is past it too, so checking every partial sum is enough.
 */
export function exactSum(a: number, b: number, what: string, detail?: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${what}${detail ? ` ${detail}` : ''}: ${a} + ${b} is beyond the exact range of a JSON number`);
  return sum;
}

/** Running per-currency sums, exact to the unit (every step checked by exactSum). */
export class CurrencySums {
  private readonly sums = new Map<string, CurrencyTotals>();

  /** One refund; an absent or null amount adds nothing. */
  add(currency: string, amounts: Partial<Record<AmountField, number | null>>, count = 1): void {
    let sum = this.sums.get(currency);
    if (!sum) {
      sum = { currency, count: 0, goods: 0, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 0 };
      this.sums.set(currency, sum);
    }
    sum.count = exactSum(sum.count, count, currency, 'count');
    for (const field of AMOUNT_FIELDS) sum[field] = exactSum(sum[field], amounts[field] ?? 0, currency, field);
  }

  /** A group of refunds already summed (a report row). */
  addTotals(totals: CurrencyTotals): void {
    this.add(totals.currency, totals, totals.count);
  }

  /** Sorted by currency code, like the report's totals. */
  totals(): CurrencyTotals[] {
    return [...this.sums.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)).map((t) => ({ ...t }));
  }
}
