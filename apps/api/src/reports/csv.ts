/**
 * A minimal RFC 4180 writer: CRLF after every record, a field quoted when it holds a comma, a
 * double quote, CR or LF, and quotes inside doubled. Small enough not to warrant a dependency.
 */
/** bigint: a sum past 2^53 − 1 (projections/finance/amounts.ts), written digit for digit. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A column: its header and how to read it off a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvRecord(columns.map((c) => c.header));
}

export function csvRow<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return csvRecord(columns.map((c) => c.value(row)));
}

export function csvDocument<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let text = csvHeader(columns);
  for (const row of rows) text += csvRow(columns, row);
  return text;
}
