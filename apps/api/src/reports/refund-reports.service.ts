import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { CLOCK, type Clock } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  FINANCE_SCHEMA, readLedgerPage, reconcile, refundReport, type ReconcileResult,
  type LedgerPage, type LedgerPosition, type RefundReport, type RefundReportQuery,
} from '@app/projections/finance';
import { PG_POOL } from '@app/database';
import { RETRY_AFTER_SECONDS } from '../http/error-status';
import { ProblemException, problem } from '../http/problem';
import { outstandingRefunds, type OutstandingRefunds } from './outstanding-refunds.query';

export interface LedgerPageQuery {
  from?: string;
  to?: string;
  after?: LedgerPosition;
  limit: number;
}

/** Reads of the finance read model (schema `finance`) and of the SLA timers; the event log only to reconcile. */
@Injectable()
export class RefundReportsService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  report(query: RefundReportQuery): Promise<RefundReport> {
    return readModel(() => refundReport(this.pool, FINANCE_SCHEMA, query));
  }

  ledgerPage(query: LedgerPageQuery): Promise<LedgerPage> {
    return readModel(() => readLedgerPage(this.pool, FINANCE_SCHEMA, query));
  }

  /** The report of a period against a replay of its RefundIssued events (reads the whole log: on demand only). */
  reconciliation(from: string, to: string): Promise<ReconcileResult> {
    return readModel(() => reconcile({ store: this.store, db: this.pool, from, to }));
  }

  outstanding(): Promise<OutstandingRefunds> {
    return readModel(() => outstandingRefunds(this.pool, this.clock.now()));
  }
}

const MISSING_RELATION = new Set(['42P01', '3F000']);

/**
 * A read model that does not exist yet (its projection never ran here) answers 503, not 500 and
 * not an empty report: an empty answer would read as "nothing to refund".
 */
export async function readModel<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (MISSING_RELATION.has((error as { code?: string }).code ?? '')) {
      throw new ProblemException(
        problem(503, 'read_model_unavailable', `A read model this report needs is not built yet: ${(error as Error).message}`),
        { 'Retry-After': RETRY_AFTER_SECONDS },
      );
    }
    throw error;
  }
}
