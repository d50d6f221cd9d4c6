/**
 * What every body, query and path must be before class-transformer and class-validator see it,
 * whatever the endpoint: a depth a recursive walker survives (class-transformer recurses into
 * unknown nested values and overflows the stack on deep JSON), text PostgreSQL can store (no
 * U+0000) that is Unicode (no unpaired surrogate: jsonb refuses both, so they surfaced as 500s
 * after validation), and no key that names a member of Object.prototype, or `prototype`
 * (class-transformer skips such keys, so `forbidNonWhitelisted` never saw them and the request
 * went through).
 */
import type { FieldError } from './problem';

/** Far deeper than any request of the API (a PlaceOrder line field is at depth 3). */
export const MAX_INPUT_DEPTH = 32;
const MAX_REPORTED = 20;

const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Problems of `input` (empty when fine), named like class-validator's fields (`lines[0].name`). */
export function inputProblems(input: unknown, root = ''): FieldError[] {
  const problems: FieldError[] = [];
  const stack: Array<{ value: unknown; field: string; depth: number }> = [{ value: input, field: root, depth: 0 }];
  while (stack.length && problems.length < MAX_REPORTED) {
    const { value, field, depth } = stack.pop()!;
    const name = field || 'body';
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) problems.push({ field: name, message: `${name} must not contain U+0000 or unpaired surrogate code points` });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: name, message: `${name} is nested more than ${MAX_INPUT_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], field: `${field}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value).reverse()) {
      const child = field ? `${field}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) problems.push({ field: child, message: `property ${key} should not exist` });
      else if (UNSTORABLE.test(key)) problems.push({ field: name, message: `${name} has a key with U+0000 or an unpaired surrogate code point` });
      else stack.push({ value: (value as Record<string, unknown>)[key], field: child, depth: depth + 1 });
    }
  }
  return problems;
}
