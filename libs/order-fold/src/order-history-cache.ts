import type { EventStore } from '@app/event-store';
import { extendHistory, NO_HISTORY, readTail, type OrderHistory } from './load-order';

export interface OrderHistoryCacheOptions {
  /** Orders kept, least recently used dropped first. */
  maxOrders?: number;
  /**
   * How long an entry is trusted. The state holds decrypted personal values, so this is at most
   * the key ring's own cache time (PII_KEY_CACHE_MS): an erasure reaches this process as soon as it
   * reaches its key cache.
   */
  ttlMs: number;
  /** Orders with more keyed events than this are not kept (bounds the memory one order can take). */
  maxKeyedEvents?: number;
  now?: () => number;
}

interface Entry {
  history: OrderHistory;
  loadedAt: number;
}

/**
 * The write path's folded orders, per process: a command reads only the events after the revision
 * it already folded (usually none), so a command on an order of 10,000 events costs about what
 * one on an order of 10 does. Always reading the tail keeps it right when other processes append:
 * nothing is assumed about the stream beyond what was read from it.
 */
export class OrderHistoryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxOrders: number;
  private readonly maxKeyedEvents: number;
  private readonly now: () => number;

  constructor(private readonly options: OrderHistoryCacheOptions) {
    this.maxOrders = options.maxOrders ?? 10_000;
    this.maxKeyedEvents = options.maxKeyedEvents ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async load(store: EventStore, orderId: string): Promise<OrderHistory> {
    const now = this.now();
    const cached = this.entries.get(orderId);
    const fresh = cached && now - cached.loadedAt < this.options.ttlMs ? cached : undefined;
    const from = fresh?.history ?? NO_HISTORY;
    const tail = await readTail(store, orderId, from.revision === null ? 0 : from.revision + 1);
    const history = extendHistory(from, tail);
    this.entries.delete(orderId);
    if (history.revision !== null && history.keyed.length <= this.maxKeyedEvents) {
      this.entries.set(orderId, { history, loadedAt: fresh?.loadedAt ?? now });
      if (this.entries.size > this.maxOrders) this.entries.delete(this.entries.keys().next().value as string);
    }
    return history;
  }
}
