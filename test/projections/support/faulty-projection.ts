import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '@app/projections/runtime';

/**
 * Wraps a projection so that a batch fails *after* the real apply wrote its rows: what a crash
 * between apply and checkpoint looks like from the database (the transaction never commits).
 */
export function faulty(base: Projection, failsOn: (events: RecordedEvent[]) => boolean, message = 'handler blew up'): Projection {
  return {
    name: base.name,
    version: base.version,
    ddl: (schema) => base.ddl(schema),
    async apply(client, schema, events) {
      await base.apply(client, schema, events);
      if (failsOn(events)) throw new Error(message);
    },
  };
}
