import type { RecordedEvent } from '@app/event-store';
import type { PoolClient } from 'pg';

/**
 * A read model fed from the global event log. The runtime owns everything around it
 * (checkpoint, transaction, lock, retries, rebuild); a projection only knows its tables.
 */
export interface Projection {
  /** kebab-case and unique: the checkpoint key and the `/admin/projections/{name}` segment. */
  readonly name: string;
  /**
   * Bump it when ddl() or apply() change what the tables hold: a runner that finds an older
   * version in the checkpoint rebuilds beside the live tables and swaps.
   */
  readonly version: number;
  /** Creates the tables inside `schema` (already created, empty). Never names another schema. */
  ddl(schema: string): string;
  /**
   * Applies a batch, in global order, inside the runtime's open transaction on `client`.
   * Must be idempotent per event (the same batch applied twice changes nothing) and must throw
   * rather than skip an event it cannot handle.
   */
  apply(client: PoolClient, schema: string, events: RecordedEvent[]): Promise<void>;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function assertProjectionName(name: string): void {
  // The schema names derive from it (plus "__rebuild"), and PostgreSQL identifiers stop at 63 bytes.
  if (!NAME.test(name) || name.length > 50) throw new Error(`Projection name must be kebab-case, at most 50 characters: ${JSON.stringify(name)}`);
}
