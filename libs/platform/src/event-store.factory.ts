import type { AppConfig } from '@app/config';
import { EventStoreAccessDeniedError, EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@app/event-store';
import { DecryptingEventStore, keyRingFor, type KeyRing } from '@app/privacy';
import type { Pool } from 'pg';

/**
 * The store as stored: EventStoreDB when EVENT_STORE_URL is set, otherwise PostgreSQL. Personal
 * values are sealed here; use it for hash-chain verification and privacy scans.
 */
export function createEventStore(config: AppConfig, pool: Pool): EventStore {
  if (!config.eventStoreUrl) return new PostgresEventStore(pool);
  const { readTimeoutMs, ...discovery } = config.eventStore;
  return new EventStoreDbEventStore(config.eventStoreUrl, { readTimeoutMs, discovery });
}

/**
 * The store as readers see it (docs/privacy.md): personal values decrypted, "[erased]" once
 * their customer's key is gone. For tools that fold or show events (rebuilds, audit history).
 * The key ring loads and checks the master key on first use.
 */
export function createReadableEventStore(config: AppConfig, pool: Pool, keyRing: KeyRing = keyRingFor(config, pool).keyRing): EventStore {
  return new DecryptingEventStore(createEventStore(config, pool), keyRing);
}

/**
 * At start, EventStoreDB must accept the service's user: refused credentials or missing ACLs
 * stop the start with the reason (servers since 23.10 refuse anonymous access), rather than
 * every request failing later. A server that cannot be reached yet only warns: it may come up
 * after us, and until then commands answer 503 and /health says why.
 */
export async function checkEventStoreAtStart(store: EventStore, warn: (message: string) => void): Promise<void> {
  if (store.name !== 'eventstoredb') return;
  try {
    await store.ping();
  } catch (error) {
    if (error instanceof EventStoreAccessDeniedError) {
      await store.close().catch(() => undefined);
      throw new Error(`EVENT_STORE_URL: ${error.message}`, { cause: error });
    }
    warn(`EventStoreDB cannot be reached at start (${(error as Error).message}); commands answer 503 until it can`);
  }
}
