/**
 * Hostile values and payloads for the fuzzing suite. A body is built as JSON text with markers
 * that are then replaced by raw fragments (bytes that are not UTF-8, JSON nested deeper than
 * JSON.stringify would go, numbers JSON.stringify cannot write), so the server receives exactly
 * what a hostile client could send.
 */
import fc from 'fast-check';

/** Strings that would change a query built by concatenation. None may change anything here. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  "x'; DROP TABLE events; --",
  "'; TRUNCATE order_status.orders; --",
  '1; DELETE FROM events WHERE true',
  "' UNION SELECT stream_id, data::text FROM events --",
  "x') ON CONFLICT DO NOTHING; --",
  '$$; DROP SCHEMA public CASCADE; $$',
  "\\'; DROP TABLE streams; --",
  "admin'--",
  '%27%20OR%201%3D1',
  "1 AND pg_sleep(5)",
];

/** Byte sequences that are not UTF-8: a lone continuation byte, truncated, overlong, a surrogate, beyond U+10FFFF. */
export const INVALID_UTF8: Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0x80, 0x80]),
  Buffer.from([0xfe, 0xfe, 0xff]),
];

/** Prototype-pollution keys and other names an object may not be given. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString', 'hasOwnProperty', 'valueOf', 'isAdmin'];

/** Numbers no money, quantity or revision field accepts (all of them are whole and at least 0 or 1). */
export const HOSTILE_NUMBERS = [-1, -0.01, 0.5, 1.5, 4999.0001, -4999, 1e20, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300];

/** Raw JSON number literals a JavaScript number cannot round-trip. */
export const HOSTILE_NUMBER_LITERALS = ['1e999', '-1e999', '1' + '0'.repeat(400), '-0.0000000001', '9007199254740993', '1.0000000000000002'];

/** Text PostgreSQL cannot store (NUL) or that is not Unicode (unpaired surrogates). */
export const UNSTORABLE_TEXT = ['a\u0000b', '\u0000', 'x\ud800', '\udfffy', 'a\ud800\ud800b', 'z\uDBFF'];

export class RawJson {
  private readonly raws: Array<string | Buffer> = [];

  /** A placeholder value; after JSON.stringify, `bytes()` puts `raw` in its place. */
  marker(raw: string | Buffer): string {
    this.raws.push(raw);
    return `\u0001RAW${this.raws.length - 1}\u0001`;
  }

  bytes(value: unknown): Buffer {
    const text = JSON.stringify(value);
    const parts: Buffer[] = [];
    let rest = text;
    for (;;) {
      const match = /"\\u0001RAW(\d+)\\u0001"/.exec(rest);
      if (!match) break;
      parts.push(Buffer.from(rest.slice(0, match.index)));
      const raw = this.raws[Number(match[1])];
      parts.push(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
      rest = rest.slice(match.index + match[0].length);
    }
    parts.push(Buffer.from(rest));
    return Buffer.concat(parts);
  }
}

/** `depth` levels of objects or arrays around a value, as JSON text (no recursion anywhere). */
export function deeplyNested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** Sets an own, enumerable property even for `__proto__`, so JSON.stringify writes it. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Any value of another JSON type than `value` (never null: null means "absent" for optional fields). */
export function otherTypeValue(value: unknown): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [];
  if (typeof value !== 'string') options.push(fc.constantFrom('1', 'true', '', '{}', '[]', 'null'));
  if (typeof value !== 'number') options.push(fc.constantFrom(0, 1, -1, 42, 3.14));
  if (typeof value !== 'boolean') options.push(fc.boolean());
  if (!Array.isArray(value)) options.push(fc.constantFrom([], [1], ['x'], [{}], [null]));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) options.push(fc.constantFrom({}, { x: 1 }, { length: 1 }));
  return fc.oneof(...options);
}
