import type { AppConfig } from '@app/config';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@app/event-store';
import type { Pool } from 'pg';

/** EventStoreDB when EVENT_STORE_URL is set; otherwise the events live in PostgreSQL. */
export function createEventStore(config: AppConfig, pool: Pool): EventStore {
  return config.eventStoreUrl ? new EventStoreDbEventStore(config.eventStoreUrl) : new PostgresEventStore(pool);
}
