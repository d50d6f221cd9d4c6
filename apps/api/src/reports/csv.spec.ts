import { csvDocument, csvField, csvRecord } from './csv';

describe('RFC 4180 CSV writer', () => {
  it('leaves plain fields alone and writes numbers and booleans as text', () => {
    expect(csvRecord(['EUR', 1250, 0, true, 'card'])).toBe('EUR,1250,0,true,card\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and doubles the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('"')).toBe('""""');
  });

  it('writes a bigint (a sum past 2^53 − 1) digit for digit', () => {
    expect(csvRecord(['EUR', 9907919180214990100n])).toBe('EUR,9907919180214990100\r\n');
  });

  it('writes null and undefined as an empty field, and keeps an empty string empty', () => {
    expect(csvRecord([null, undefined, '', 'x'])).toBe(',,,x\r\n');
  });

  it('ends every record, the header included, with CRLF', () => {
    const text = csvDocument([{ header: 'key', value: (r: { k: string }) => r.k }, { header: 'n', value: () => 1 }], [{ k: 'a' }, { k: 'b,c' }]);
    expect(text).toBe('key,n\r\na,1\r\n"b,c",1\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(csvDocument([{ header: 'a', value: () => 1 }], [])).toBe('a\r\n');
  });
});
