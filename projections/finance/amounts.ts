/**
 * Refund amounts as finance reads them: integer minor units of one currency (docs/domain-rules.md "Money").
 * One refund is at most an order's total, which the write side keeps within 2^53 − 1, so it is
 * always a safe Number. A sum of refunds is not: a few hundred refunds of huge orders pass 2^53,
 * and then no double holds it exactly. Sums are therefore an `Amount`: a Number while it is safe,
 * a BigInt beyond, never a rounded double (docs/finance.md "Huge sums").
 */
export const AMOUNT_FIELDS = ['goods', 'shipping', 'returnShipping', 'processingFee', 'feeRetained', 'total'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/**
 * Exact integer minor units: a number when |value| ≤ Number.MAX_SAFE_INTEGER, else a bigint.
 * One form per value (see toAmount), so `===` compares two amounts exactly. Numbers on the common
 * path keep year-long reports free of BigInt arithmetic.
 */
export type Amount = number | bigint;
export type Amounts = Record<AmountField, Amount>;

/** Count and amounts of a set of refunds in one currency. */
export interface CurrencyTotals extends Amounts {
  currency: string;
  count: number;
}

const SAFE_DIGITS = /^-?\d{1,15}$/;
const DIGITS = /^-?\d+$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The canonical form: a number when safe, else the bigint itself. */
function canonical(big: bigint): Amount {
  return big > MAX_SAFE || big < -MAX_SAFE ? big : Number(big);
}

/**
 * A sum from PostgreSQL (numeric or bigint text), exactly. Anything but a whole number (a
 * fraction, an empty string, a rounded double) throws, so a broken read model fails loudly.
 */
export function toAmount(value: string | number | bigint): Amount {
  if (typeof value === 'string') {
    if (SAFE_DIGITS.test(value)) return Number(value);
    if (!DIGITS.test(value)) throw new RangeError(`${JSON.stringify(value)} is not a whole amount of minor units`);
  } else if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`${value} is not an exact integer amount`);
  }
  return canonical(BigInt(value));
}

/** a + b, exactly: Numbers while the sum is safe (checked, so never rounded), BigInt past it. */
export function addAmounts(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    // Doubles add safe integers exactly while the true sum is safe; past it, the rounded result is
    // past it too, so this check is enough to know the Number is exact.
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return canonical(exactBig(a) + exactBig(b));
}

/** A Number past 2^53 − 1 may already be rounded: refuse it rather than take it as exact. */
function exactBig(value: Amount): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`${value} is not an exact integer amount`);
  return BigInt(value);
}

/** a − b, exactly (the reconciliation's differences). */
export function subtractAmounts(a: Amount, b: Amount): Amount {
  return addAmounts(a, -b);
}

/**
 * A whole number that must fit a JSON number exactly: one refund's amount, a count. Refused
 * (RangeError) unless exactly representable; `what` and `detail` name it in the error only.
 */
export function exactInteger(value: string | number | bigint, what: string, detail?: string): number {
  // Up to 15 digits is always safe: the common case, without a BigInt.
  if (typeof value === 'string' && SAFE_DIGITS.test(value)) return Number(value);
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > MAX_SAFE || big < -MAX_SAFE) {
    throw new RangeError(`${what}${detail ? ` ${detail}` : ''} = ${big} is beyond the exact range of a JSON number`);
  }
  return Number(big);
}

/** a + b for counts, exactly, or a RangeError (2^53 refunds is not a thing to round). */
export function exactSum(a: number, b: number, what: string, detail?: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${what}${detail ? ` ${detail}` : ''}: ${a} + ${b} is beyond the exact range of a JSON number`);
  return sum;
}

/** Running per-currency sums, exact to the unit however large (addAmounts). */
export class CurrencySums {
  private readonly sums = new Map<string, CurrencyTotals>();

  /** One refund; an absent or null amount adds nothing. */
  add(currency: string, amounts: Partial<Record<AmountField, Amount | null>>, count = 1): void {
    let sum = this.sums.get(currency);
    if (!sum) {
      sum = { currency, count: 0, goods: 0, shipping: 0, returnShipping: 0, processingFee: 0, feeRetained: 0, total: 0 };
      this.sums.set(currency, sum);
    }
    sum.count = exactSum(sum.count, count, currency, 'count');
    for (const field of AMOUNT_FIELDS) {
      const amount = amounts[field];
      if (amount !== undefined && amount !== null) sum[field] = addAmounts(sum[field], amount);
    }
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
