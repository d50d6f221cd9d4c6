import type { Projection } from '../runtime/projection';
import { liveSchemaOf } from '../runtime/schema-names';
import { applyFinanceBatch } from './finance-apply';
import { financeDdl } from './finance.ddl';

export const FINANCE_PROJECTION_NAME = 'finance';

/** The live schema readers query (the runtime names it after the projection). */
export const FINANCE_SCHEMA = liveSchemaOf(FINANCE_PROJECTION_NAME);

/**
 * Refund ledger and the aggregates behind /reports/refunds (docs/finance.md).
 * Bump version when ddl or apply changes meaning: the runtime then rebuilds from the first event.
 */
export const financeProjection: Projection = {
  name: FINANCE_PROJECTION_NAME,
  version: 1,
  ddl: financeDdl,
  apply: applyFinanceBatch,
};
