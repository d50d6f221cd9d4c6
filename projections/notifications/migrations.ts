import type { Migration } from '@app/database';

/**
 * outbound.notifications: one row per email an event called for (event, kind, audience), from
 * its first attempt: the row a retry reads to skip what was sent already (docs/notifications.md
 * "Exactly once"). The recipient is kept masked only: the address itself is read from the
 * order each time, so an erasure also ends what this table could tell.
 */
export const notificationMigrations: Migration[] = [
  {
    id: 'notifications-0001-emails',
    sql: `
      CREATE TABLE outbound.notifications (
        notification_id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        audience text NOT NULL,
        order_id text COLLATE "C" NOT NULL,
        event_type text NOT NULL,
        recipient text NOT NULL,
        message_id text NOT NULL,
        state text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        first_attempt_at timestamptz NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        sent_at timestamptz,
        error text,
        PRIMARY KEY (event_id, kind, audience)
      );
      CREATE INDEX notifications_by_order ON outbound.notifications (order_id, notification_id);
    `,
  },
];
