import { Client, type ClientConfig } from 'pg';

/**
 * A session-level PostgreSQL advisory lock held on a connection of its own (not a pool slot:
 * it is held for the life of the process). PostgreSQL releases it when that session ends, so a
 * killed holder frees it and a standby's next try succeeds. Losing the connection means losing
 * the lock: `held` turns false and the onLost callbacks run.
 */
export class AdvisoryLock {
  private client: Client | null = null;
  private isHeld = false;
  private readonly lostListeners = new Set<() => void>();

  constructor(private readonly config: ClientConfig, readonly key: string) {}

  get held(): boolean {
    return this.isHeld;
  }

  /** One attempt; keeps the connection open between attempts so a standby does not reconnect every time. */
  async tryAcquire(): Promise<boolean> {
    if (this.isHeld) return true;
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.key]);
    this.isHeld = rows[0].locked;
    return this.isHeld;
  }

  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Unlocks and closes the connection (closing alone would unlock too; unlocking first is just tidier). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    const wasHeld = this.isHeld;
    this.isHeld = false;
    if (!client) return;
    if (wasHeld) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ ...this.config, keepAlive: true });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (!this.isHeld) return;
    this.isHeld = false;
    for (const listener of [...this.lostListeners]) listener();
  }
}

/** Advisory lock keys: one for the active runner of a projection, one for its rebuild. */
export const runnerLockKey = (name: string): string => `projection:${name}`;
export const rebuildLockKey = (name: string): string => `projection-rebuild:${name}`;
