/**
 * JSON of the reports with every amount exact. A sum past 2^53 − 1 is a BigInt
 * (projections/finance/amounts.ts); JSON.stringify refuses BigInts, and a Number would round it.
 * It is written as the integer literal it is, digit for digit: still a JSON number (RFC 8259 puts
 * no limit on digits), so the contract's integer amounts keep their type, and a reader with an
 * exact number type (Java BigDecimal, Python, Go json.Number, JS with a big-number parser) gets it
 * exactly. docs/finance.md "Huge sums".
 */
import { randomBytes } from 'node:crypto';

/**
 * A BigInt travels through JSON.stringify as a string carrying this marker, then loses its quotes.
 * Random per process, so no text of a report (ids, currency codes) can pass for one.
 */
const MARK = `bigint-${randomBytes(16).toString('hex')}:`;
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, 'g');

const markBigInts = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? `${MARK}${value}` : value);

export function exactJson(value: unknown): string {
  try {
    // The common case, no BigInt: plain JSON.stringify, twice as fast as with a replacer.
    return JSON.stringify(value);
  } catch {
    // A BigInt somewhere (or a cycle, which throws again below).
    return JSON.stringify(value, markBigInts).replace(MARKED, '$1');
  }
}
