import type { EventStore } from '@app/event-store';
import type { Pool } from 'pg';
import { readCheckpoint } from './checkpoints';

interface Waiter {
  position: string;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

export interface CheckpointWatcherOptions {
  /** How often the checkpoint table is read while someone waits (commits in another process). */
  pollMs?: number;
}

/**
 * Read-your-writes: resolves when a projection's checkpoint has reached a position. Works in
 * every mode: it reads the checkpoint table (so a runner in another process counts), one shared
 * poll per projection while anyone waits, and a commit in this process wakes it at once.
 */
export class CheckpointWatcher {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly polling = new Set<string>();
  private readonly wakers = new Map<string, () => void>();
  private readonly pollMs: number;

  constructor(private readonly pool: Pool, private readonly store: EventStore, options: CheckpointWatcherOptions = {}) {
    this.pollMs = options.pollMs ?? 50;
  }

  /** True once the checkpoint is at or past `position`; false after `timeoutMs`. */
  waitFor(name: string, position: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.store.comparePositions(position, position); // a malformed position rejects here, not in the poll
      const waiter: Waiter = {
        position,
        resolve: (reached) => {
          clearTimeout(waiter.timer);
          this.waiters.get(name)?.delete(waiter);
          resolve(reached);
        },
        timer: setTimeout(() => waiter.resolve(false), timeoutMs),
      };
      const set = this.waiters.get(name) ?? new Set<Waiter>();
      set.add(waiter);
      this.waiters.set(name, set);
      if (!this.polling.has(name)) void this.poll(name);
      else this.notify(name);
    });
  }

  /** A commit in this process: check now instead of at the next poll. */
  notify(name: string): void {
    this.wakers.get(name)?.();
  }

  /** Ends every wait (false): for shutdown. */
  close(): void {
    for (const set of this.waiters.values()) for (const waiter of [...set]) waiter.resolve(false);
    for (const wake of this.wakers.values()) wake();
  }

  private async poll(name: string): Promise<void> {
    this.polling.add(name);
    try {
      while (this.waiters.get(name)?.size) {
        try {
          const checkpoint = await readCheckpoint(this.pool, name);
          if (checkpoint?.position) this.release(name, checkpoint.position);
        } catch {
          // Database trouble: waiters time out into their 503; keep polling meanwhile.
        }
        if (!this.waiters.get(name)?.size) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, this.pollMs);
          const wakers = this.wakers;
          function done() {
            clearTimeout(timer);
            wakers.delete(name);
            resolve();
          }
          this.wakers.set(name, done);
        });
      }
    } finally {
      this.polling.delete(name);
    }
  }

  private release(name: string, checkpoint: string): void {
    for (const waiter of [...(this.waiters.get(name) ?? [])]) {
      if (this.store.comparePositions(checkpoint, waiter.position) >= 0) waiter.resolve(true);
    }
  }
}
