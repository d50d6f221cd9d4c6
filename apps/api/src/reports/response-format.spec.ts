import { reportFormat } from './response-format';

describe('report format negotiation', () => {
  it('takes format=csv|json over the Accept header', () => {
    expect(reportFormat('csv', 'application/json')).toBe('csv');
    expect(reportFormat('json', 'text/csv')).toBe('json');
  });

  it('answers CSV when Accept asks for text/csv', () => {
    expect(reportFormat(undefined, 'text/csv')).toBe('csv');
    expect(reportFormat(undefined, 'text/csv; charset=utf-8')).toBe('csv');
  });

  it('follows q-values, then the order given', () => {
    expect(reportFormat(undefined, 'application/json;q=0.5, text/csv')).toBe('csv');
    expect(reportFormat(undefined, 'text/csv;q=0.2, application/json;q=0.9')).toBe('json');
    expect(reportFormat(undefined, 'application/json, text/csv')).toBe('json');
    expect(reportFormat(undefined, 'text/csv;q=0')).toBe('json');
  });

  it('answers JSON without Accept or for */*', () => {
    expect(reportFormat(undefined, undefined)).toBe('json');
    expect(reportFormat(undefined, '*/*')).toBe('json');
  });
});
