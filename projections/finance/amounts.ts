/**
 * Refund amounts as finance reads them: integer minor units of one currency (domain.md "Money").
 * PostgreSQL hands bigint and numeric sums back as strings; they become Numbers only after a check
 * that the value is an exact integer, so a report can never be off by a rounding of a double.
 */
export const AMOUNT_FIELDS = ['goods', 'shipping', 'returnShipping', 'processingFee', 'feeRetained', 'total'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];
export type Amounts = Record<AmountField, number>;

/** Count and amounts of a set of refunds in one currency. */
export interface CurrencyTotals extends Amounts {
  currency: string;
  count: number;
}

/** A whole number from PostgreSQL (bigint, numeric) or JSON, refused unless exactly representable. */
export function exactInteger(value: string | number | bigint, what: string): number {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} = ${big} is beyond the exact range of a JSON number`);
  }
  return Number(big);
}

/** Running per-currency sums in BigInt: adding thousands of refunds stays exact. */
export class CurrencySums {
  private readonly sums = new Map<string, { count: bigint } & Record<AmountField, bigint>>();

  add(currency: string, amounts: Partial<Record<AmountField, number | null>>): void {
    let sum = this.sums.get(currency);
    if (!sum) {
      sum = { count: 0n, goods: 0n, shipping: 0n, returnShipping: 0n, processingFee: 0n, feeRetained: 0n, total: 0n };
      this.sums.set(currency, sum);
    }
    sum.count += 1n;
    for (const field of AMOUNT_FIELDS) sum[field] += BigInt(amounts[field] ?? 0);
  }

  /** Sorted by currency code, like the report's totals. */
  totals(): CurrencyTotals[] {
    return [...this.sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, sum]) => ({
        currency,
        count: exactInteger(sum.count, `${currency} count`),
        ...(Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, exactInteger(sum[f], `${currency} ${f}`)])) as Amounts),
      }));
  }
}
