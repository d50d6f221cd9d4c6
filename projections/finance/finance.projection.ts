import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { applyFinanceBatch } from './finance-apply';
import { financeDdl } from './finance.ddl';

/** The live schema readers query; the runtime names each projection's schema after it. */
export const FINANCE_SCHEMA = 'finance';

/** The shape agreed with the projection runtime (projections/runtime). */
export interface FinanceProjection {
  readonly name: typeof FINANCE_SCHEMA;
  /** Bump when ddl or apply changes meaning: the runtime then rebuilds from the first event. */
  readonly version: number;
  ddl(schema: string): string;
  apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void>;
}

/** Refund ledger and the aggregates behind /reports/refunds (docs/finance.md). */
export const financeProjection: FinanceProjection = {
  name: FINANCE_SCHEMA,
  version: 1,
  ddl: financeDdl,
  apply: applyFinanceBatch,
};
