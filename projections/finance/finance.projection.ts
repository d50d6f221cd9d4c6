import type { Projection } from '../runtime/projection';
import { liveSchemaOf } from '../runtime/schema-names';
import { applyFinanceBatch } from './finance-apply';
import { financeDdl } from './finance.ddl';

export const FINANCE_PROJECTION_NAME = 'finance';

/** The live schema readers query (the runtime names it after the projection). */
export const FINANCE_SCHEMA = liveSchemaOf(FINANCE_PROJECTION_NAME);

/**
 * Refund ledger and the aggregates behind /reports/refunds (docs/finance.md).
 * Bump version when ddl or apply changes meaning: the runtime then rebuilds from the first event
 * beside the live tables and swaps (projections/runtime/runner.ts prepare()).
 * 2: refund_daily sums are numeric, no longer bigint, which overflowed (docs/reliability.md). The
 *    rebuild also un-sticks a version-1 model that failed on that overflow.
 */
export const financeProjection: Projection = {
  name: FINANCE_PROJECTION_NAME,
  version: 2,
  ddl: financeDdl,
  apply: applyFinanceBatch,
};
