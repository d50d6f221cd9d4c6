/**
 * The finance reports on the real app (the harness's in-process app, MODE=api, on a fresh database
 * of the machine's PostgreSQL) and the real projection runtime running the finance projection from the event store. Events
 * are appended straight to the store, so the suites choose each refund's time and amounts;
 * finance-full-app.e2e-spec.ts drives the same reports through the write path instead.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import type request from 'supertest';
import { AdjustableClock, CLOCK } from '@app/config';
import { EVENT_STORE, orderStream, type EventStore, type NewEvent } from '@app/event-store';
import { PG_POOL } from '@app/database';
import { financeProjection } from '@app/projections/finance';
import { ProjectionRuntime, type Projection } from '@app/projections/runtime';
import { startTestApp, type TestDatabase, type TestRole } from '@app/harness';
import { orderEvents, type OrderSpec, type RefundSpec } from './finance-events';

export interface FinanceHarness {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  pool: Pool;
  store: EventStore;
  clock: AdjustableClock;
  db: TestDatabase;
  as(role: TestRole): { Authorization: string };
  /** Appends an order and its refunds (see finance-events.ts); answers and remembers the position. */
  appendOrder(order: OrderSpec, refunds: RefundSpec[]): Promise<string>;
  /** Appends events to `order-<orderId>`; answers and remembers the position. */
  append(orderId: string, events: NewEvent[]): Promise<string>;
  /**
   * Waits until the finance projection has applied everything appended here. Rejects at once
   * (with the projection's error) when it is failed at an event: it never skips one, so it would
   * stay there, and a suite should say why rather than time out.
   */
  projected(): Promise<void>;
  /** Stops the projection runtime and starts another one running `projection` (an upgrade). */
  restartProjection(projection: Projection): Promise<void>;
  close(): Promise<void>;
}

/** `projection`: the finance projection to migrate and run (another version of it, in an upgrade test). */
export async function startFinanceHarness(projection: Projection = financeProjection): Promise<FinanceHarness> {
  // The API alone (no projector): the suite runs the finance projection itself, to swap versions.
  const t = await startTestApp({ LOG_LEVEL: 'warn' }, { mode: 'api', projections: [projection] });
  const { app, db } = t;
  const pool = app.get<Pool>(PG_POOL);
  const store = app.get<EventStore>(EVENT_STORE);
  const startRuntime = (p: Projection) => {
    const started = new ProjectionRuntime(pool, store, [p], { batchSize: 500, standbyRetryMs: 50, backoffBaseMs: 50 });
    started.start();
    return started;
  };
  let runtime = startRuntime(projection);
  // The last position we appended, not the store's head: the head only counts events below the
  // oldest running transaction of the whole server (the gap rule), which other suites can hold back.
  let appended: string | null = null;
  const append = async (orderId: string, events: NewEvent[]) => {
    const { position } = await store.append(orderStream(orderId), events, 'any');
    if (appended === null || store.comparePositions(position, appended) > 0) appended = position;
    return position;
  };
  return {
    app,
    http: t.http,
    pool,
    store,
    clock: app.get<AdjustableClock>(CLOCK),
    db,
    as: t.as,
    appendOrder: (order, refunds) => append(order.orderId, orderEvents(order, refunds)),
    append,
    projected: async () => {
      const deadline = Date.now() + 30_000;
      while (appended !== null && !(await runtime.waitFor('finance', appended, 250))) {
        const status = runtime.runner('finance');
        if (status?.state === 'failed' && status.failedPosition !== null) throw new Error(`finance projection failed at ${status.failedPosition}: ${status.lastError}`);
        if (Date.now() > deadline) throw new Error(`finance projection did not catch up: ${JSON.stringify(status)}`);
      }
    },
    restartProjection: async (next) => {
      await runtime.stop();
      runtime = startRuntime(next);
    },
    close: async () => {
      await runtime.stop();
      await t.close();
    },
  };
}

/** The SLA colleague's table, with exactly the agreed columns, when their projection is not here. */
export async function ensureSlaTimersTable(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS sla_timers;
    CREATE TABLE IF NOT EXISTS sla_timers.timers (
      timer_id text PRIMARY KEY,
      order_id text NOT NULL,
      kind text NOT NULL,
      subject_id text,
      started_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      stopped_at timestamptz,
      state text NOT NULL,
      duration text,
      currency text,
      refund_preview jsonb
    )`);
}
