/**
 * What the scheduler did about each acting timer, kept outside the sla-timers schema so a
 * rebuild of the read model never forgets it: a timer is acted on once, and a refusal by the
 * domain is final (the order changed meanwhile: paid, returned...), never retried.
 */
import type { Migration } from '@app/database';
import type { Pool, PoolClient } from 'pg';

export const SLA_ACTIONS_TABLE = 'sla_actions';

export const slaActionsMigrations: Migration[] = [
  {
    id: 'sla-0001-actions',
    sql: `
      CREATE TABLE ${SLA_ACTIONS_TABLE} (
        timer_id text COLLATE "C" PRIMARY KEY,
        order_id text NOT NULL,
        kind text NOT NULL,
        -- acted: the command was appended (or had been, by an earlier attempt); refused: a DomainError.
        outcome text NOT NULL CHECK (outcome IN ('acted', 'refused')),
        code text,
        detail text,
        command jsonb NOT NULL,
        -- The append's answer when acted.
        revision bigint,
        position text,
        -- Business time (the clock the decision used), and the database's.
        attempted_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export interface SlaAction {
  timerId: string;
  orderId: string;
  kind: string;
  outcome: 'acted' | 'refused';
  code?: string;
  detail?: string;
  command: unknown;
  revision?: number;
  position?: string;
  attemptedAt: Date;
}

/** The first record wins: a second scheduler that acted on the same timer (idempotently) adds nothing. */
export async function recordAction(db: Pool | PoolClient, action: SlaAction): Promise<void> {
  await db.query(
    `INSERT INTO ${SLA_ACTIONS_TABLE} (timer_id, order_id, kind, outcome, code, detail, command, revision, position, attempted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (timer_id) DO NOTHING`,
    [
      action.timerId, action.orderId, action.kind, action.outcome, action.code ?? null, action.detail ?? null,
      JSON.stringify(action.command), action.revision ?? null, action.position ?? null, action.attemptedAt.toISOString(),
    ],
  );
}
