import { pageLocale } from './page-locale';

describe('pageLocale: ?lang, then Accept-Language, then the order\'s, then English', () => {
  it.each([
    ['fr', 'zh-CN', 'fi', 'fr'],
    [undefined, 'zh-CN,zh;q=0.9,en;q=0.8', 'fi', 'zh'],
    [undefined, 'de-DE,fi;q=0.5,en;q=0.7', 'fr', 'en'],
    [undefined, 'fr-CA', undefined, 'fr'],
    [undefined, 'de-DE,de;q=0.9', 'fi', 'fi'],
    ['xx', undefined, 'zh', 'zh'],
    [['fr', 'fi'], undefined, undefined, 'en'],
    [undefined, undefined, undefined, 'en'],
  ])('lang %p, Accept-Language %p, order %p: %s', (lang, acceptLanguage, order, expected) => {
    expect(pageLocale(lang, acceptLanguage, order as never)).toBe(expected);
  });
});
