import type { EventStore, NewEvent } from '../event-store.port';

/** An append whose transaction stays open until commit(): it commits after later appends. */
export interface HeldAppend {
  commit(): Promise<void>;
}

/**
 * What an adapter's spec hands the contract. The store must be private to the suite (a fresh
 * database, a dedicated server): some checks read the global log and expect only their writes.
 */
export interface ContractFixture {
  store: EventStore;
  teardown(): Promise<void>;
  /**
   * Appends `events` to the new stream `streamId` in a transaction left open, through the same
   * statement the adapter uses. Stores without client-visible transactions (EventStoreDB) omit it;
   * the gap test then checks the no-skip property under concurrent writers alone.
   */
  holdOpenAppend?(streamId: string, events: NewEvent[]): Promise<HeldAppend>;
}

export type FixtureAccess = () => ContractFixture;
