/** CSV columns of each report: headers named like the JSON fields, amounts as integer minor units. */
import type { LedgerRow, RefundReportRow } from '@app/projections/finance';
import type { CsvColumn, CsvValue } from './csv';
import type { OutstandingRefund } from './outstanding-refunds.query';

const AMOUNTS = ['goods', 'shipping', 'returnShipping', 'processingFee', 'feeRetained', 'total'] as const;

function columns<T>(fields: readonly (keyof T & string)[]): CsvColumn<T>[] {
  return fields.map((field) => ({ header: field, value: (row: T) => row[field] as CsvValue }));
}

export const REPORT_CSV = columns<RefundReportRow>(['key', 'currency', 'count', ...AMOUNTS]);

export const LEDGER_CSV = columns<LedgerRow>(['refundId', 'orderId', 'issuedAt', 'currency', 'reason', 'method', 'destination', ...AMOUNTS]);

export const OUTSTANDING_CSV = columns<OutstandingRefund>(['timerId', 'orderId', 'reason', 'dueAt', 'overdue', 'currency', ...AMOUNTS]);
