/**
 * The write path in memory (decide, metadata, hash chain), for filling a store with realistic
 * events straight through the port: the projection tests and the catch-up benchmark.
 */
import { randomUUID } from 'node:crypto';
import { chainEvents, GENESIS_HASH } from '@app/audit';
import type { NewEvent } from '@app/event-store';
import {
  DEFAULT_POLICY, DomainError, orderDecider, schemaVersionOf, toOrderView,
  type OrderCommand, type OrderEvent, type OrderState, type OrderView,
} from '@app/ordering';

export class SimulatedOrder {
  state: OrderState = orderDecider.initialState;
  private lastHash = GENESIS_HASH;
  private ids = 0;

  constructor(readonly orderId: string) {}

  /** Revision to append at: the stream's last revision, or no_stream. */
  get expected(): number | 'no_stream' {
    return this.state.revision < 0 ? 'no_stream' : this.state.revision;
  }

  get view(): OrderView {
    return toOrderView(this.state);
  }

  nextId = (prefix: string): string => `${prefix}-${(this.ids += 1)}`;

  /** The events the command causes, ready to append; null when the domain refuses it. Advances the state. */
  decide(command: OrderCommand, now: Date): NewEvent[] | null {
    let decided: OrderEvent[];
    try {
      decided = orderDecider.decide(command, this.state, { now, policy: DEFAULT_POLICY });
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
    return this.record(decided, now);
  }

  /** Raw domain events, for stories the chooser would not pick (tests state exact sequences). */
  record(decided: OrderEvent[], now: Date): NewEvent[] {
    const metadata = {
      actor: { type: 'token', role: 'service', tokenName: 'simulator' },
      correlationId: randomUUID(),
      occurredAt: now.toISOString(),
      policyVersion: DEFAULT_POLICY.version,
    };
    const events = chainEvents(
      decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: { ...metadata, schemaVersion: schemaVersionOf(e.type) } })),
      this.lastHash,
    );
    this.lastHash = events[events.length - 1].metadata.hash;
    const from = this.state.revision;
    this.state = decided.reduce((state, event, i) => orderDecider.evolve(state, event, { occurredAt: now.toISOString(), revision: from + 1 + i }), this.state);
    return events;
  }
}
