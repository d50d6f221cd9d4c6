import { CUSTOMER_LOCALES } from '@app/ordering';
import { CATALOGUES } from './messages';

/** Every key path of a catalogue, with its text. */
function entries(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => entries(inner, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: unknown) => String(text).match(/\{\w+\}/g)?.sort() ?? [];

describe('the tracking page catalogues', () => {
  const english = new Map(entries(CATALOGUES.en));

  it.each(CUSTOMER_LOCALES.filter((locale) => locale !== 'en'))('%s has exactly the English keys, each a text with the same placeholders', (locale) => {
    const catalogue = new Map(entries(CATALOGUES[locale]));
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of catalogue) {
      expect({ key, type: typeof text }).toEqual({ key, type: 'string' });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)) });
    }
  });

  it.each(CUSTOMER_LOCALES)('%s says something different for every status and every refund destination', (locale) => {
    const catalogue = CATALOGUES[locale];
    for (const texts of [catalogue.lineStatus, catalogue.orderStatus]) {
      const explanations = Object.values(texts).map((words) => words.text);
      expect(new Set(explanations).size).toBe(explanations.length);
      // What it means and what happens next: more than a label (Chinese says it in fewer characters).
      for (const text of explanations) expect(text.length).toBeGreaterThan(15);
    }
    const refunds = Object.values(catalogue.refund);
    expect(new Set(refunds).size).toBe(refunds.length);
    for (const text of refunds) expect(placeholders(text)).toEqual(['{amount}', '{date}']);
  });

  it('is not English under another name', () => {
    for (const locale of ['fr', 'fi', 'zh'] as const) {
      const same = entries(CATALOGUES[locale]).filter(([key, text]) => english.get(key) === text).map(([key]) => key);
      // Brand names read the same in every language.
      expect(same.filter((key) => !/refundDestination\.(gpay|paypal)$/.test(key))).toEqual([]);
    }
  });
});
