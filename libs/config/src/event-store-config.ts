import { EventStoreDBClient } from '@eventstore/db-client';
// The client's own parser: what it accepts is exactly what the adapter can connect with.
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';

/** Bounds on the EventStoreDB adapter's waits; the connection string may override the discovery ones. */
export interface EventStoreSettings {
  /** Every read call (one page) fails as unavailable when the server has not answered within this. */
  readTimeoutMs: number;
  /** Cluster discovery (several hosts or esdb+discover): rounds over the seeds before giving up. */
  maxDiscoverAttempts: number;
  /** Pause between two discovery rounds. */
  discoveryIntervalMs: number;
  /** How long one seed may take to answer its gossip; whole seconds, as the client counts it. */
  gossipTimeoutSeconds: number;
}

type Env = Record<string, string | undefined>;
type IntReader = (env: Env, name: string, fallback: number, min: number, max: number) => number;

export function eventStoreSettings(env: Env, int: IntReader): EventStoreSettings {
  return {
    readTimeoutMs: int(env, 'EVENT_STORE_READ_TIMEOUT_MS', 10_000, 100, 600_000),
    maxDiscoverAttempts: int(env, 'EVENT_STORE_MAX_DISCOVER_ATTEMPTS', 3, 1, 100),
    discoveryIntervalMs: int(env, 'EVENT_STORE_DISCOVERY_INTERVAL_MS', 500, 0, 60_000),
    gossipTimeoutSeconds: int(env, 'EVENT_STORE_GOSSIP_TIMEOUT_S', 2, 1, 60),
  };
}

/**
 * Why the client would refuse this connection string, or null when it accepts it. The message
 * gives the position and what was expected there, never the string itself (it may hold a password).
 */
export function eventStoreUrlProblem(raw: string): string | null {
  try {
    parseConnectionString(raw);
  } catch (error) {
    const { expected, location } = error as { expected?: string; location?: [number, number] };
    if (expected && location) return `is not a connection string the EventStoreDB client accepts: expected ${expected} at position ${location[0]} (esdb://, esdb+discover://, one or more host:port, ?key=value options)`;
    return `is not a connection string the EventStoreDB client accepts: ${(error as Error).message}`;
  }
  try {
    // Builds the client without connecting: checks what the parser leaves to it (certificate files, numeric bounds).
    EventStoreDBClient.connectionString(raw);
  } catch (error) {
    return `is refused by the EventStoreDB client: ${(error as Error).message}`;
  }
  return null;
}
