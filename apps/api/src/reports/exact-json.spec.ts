import { exactJson } from './exact-json';

describe('exact JSON of the reports', () => {
  it('is JSON.stringify when there is no BigInt', () => {
    const body = { rows: [{ key: 'card', total: 9007199254740991, note: null }], from: '2026-03-01' };
    expect(exactJson(body)).toBe(JSON.stringify(body));
  });

  it('writes a BigInt as its exact integer literal, a JSON number, wherever it is', () => {
    const text = exactJson({ totals: [{ currency: 'EUR', count: 1100, total: 9907919180214990100n, goods: -9007199254740993n }], list: [1n << 70n] });
    expect(text).toBe('{"totals":[{"currency":"EUR","count":1100,"total":9907919180214990100,"goods":-9007199254740993}],"list":[1180591620717411303424]}');
    // Valid JSON; a double-based parser rounds it, which is why the digits are sent as they are.
    expect(JSON.parse(text).totals[0].count).toBe(1100);
  });

  it('leaves strings that look like numbers alone', () => {
    expect(exactJson({ key: '9907919180214990100', total: 1n << 60n })).toBe('{"key":"9907919180214990100","total":1152921504606846976}');
  });

  it('still refuses a cycle', () => {
    const cyclic: Record<string, unknown> = { total: 1n };
    cyclic.self = cyclic;
    expect(() => exactJson(cyclic)).toThrow(TypeError);
  });
});
