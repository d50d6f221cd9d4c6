import { CUSTOMER_LOCALES } from '@app/ordering';
import { EMAIL_CATALOGUES } from './messages';

function entries(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => entries(inner, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: unknown) => String(text).match(/\{\w+\}/g)?.sort() ?? [];

describe('the email catalogues', () => {
  const english = new Map(entries(EMAIL_CATALOGUES.en));

  it.each(CUSTOMER_LOCALES.filter((locale) => locale !== 'en'))('%s has exactly the English keys, each a text with the same placeholders', (locale) => {
    const catalogue = new Map(entries(EMAIL_CATALOGUES[locale]));
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of catalogue) {
      expect({ key, type: typeof text }).toEqual({ key, type: 'string' });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)) });
      expect({ key, translated: text !== english.get(key) || placeholders(text).length > 0 || key === 'common.item' }).toEqual({ key, translated: true });
    }
  });
});
