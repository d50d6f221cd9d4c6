import type { Migration } from '@app/database';

/**
 * Outbound delivery's tables (docs/outbound.md):
 * - subscriptions: one row each, with its read position in the log (the checkpoint) and totals;
 * - pending: the per-order queues, one row per event still to deliver (the head of each order's
 *   queue is the only one attempted), `dead` once its retries ran out;
 * - deliveries: every attempt, for GET /subscriptions/{id}/deliveries.
 * A row leaves `pending` in the same transaction that records its delivery, so a crash at any
 * point leaves the event queued (delivered again: at least once), never lost.
 */
export const outboundMigrations: Migration[] = [
  {
    id: 'outbound-0001-subscriptions',
    sql: `
      CREATE SCHEMA outbound;
      CREATE TABLE outbound.subscriptions (
        subscription_id text COLLATE "C" PRIMARY KEY,
        sink jsonb NOT NULL,
        event_types text[],
        personal_data boolean NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        position text,
        skip_before jsonb,
        secrets jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        delivered bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        dead bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE outbound.pending (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id text COLLATE "C" NOT NULL REFERENCES outbound.subscriptions ON DELETE CASCADE,
        order_id text COLLATE "C" NOT NULL,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        position text NOT NULL,
        occurred_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        dead boolean NOT NULL DEFAULT false
      );
      CREATE INDEX pending_queues ON outbound.pending (subscription_id, order_id, seq);
      CREATE TABLE outbound.deliveries (
        delivery_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id text COLLATE "C" NOT NULL REFERENCES outbound.subscriptions ON DELETE CASCADE,
        event_id uuid NOT NULL,
        order_id text NOT NULL,
        event_type text NOT NULL,
        position text NOT NULL,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL,
        status_code integer,
        duration_ms integer NOT NULL,
        response text,
        error text
      );
      CREATE INDEX deliveries_by_subscription ON outbound.deliveries (subscription_id, delivery_id DESC);
      CREATE INDEX deliveries_by_order ON outbound.deliveries (subscription_id, order_id, delivery_id DESC);
    `,
  },
  {
    // dueHeads walks a subscription's queue in order (seq) and stops at what it takes.
    id: 'outbound-0002-pending-in-order',
    sql: 'CREATE INDEX pending_in_order ON outbound.pending (subscription_id, seq)',
  },
];
