import { Client, type ClientConfig } from 'pg';

const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * One dedicated connection per store that LISTENs on the append channel and wakes every
 * registered subscription. Not taken from the pool: it would hold a pool slot forever.
 * Notifications whose payload is `ownOrigin` come from this very store, which already woke its
 * subscriptions in process (`wakeLocal`), so they are ignored.
 * Best effort by design: notifications are only a hint to read now. When the connection drops,
 * every subscription is woken (it may have missed one) and it reconnects with backoff, while
 * the subscriptions' polling keeps them moving.
 */
export class NotifyListener {
  private readonly wakers = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly ownOrigin?: string,
  ) {}

  /** Wakes every registered subscription now: an append of this store just committed. */
  wakeLocal(): void {
    this.wakeAll();
  }

  /** Calls `wake` on every notification (and after a reconnect); returns the unregister. */
  register(wake: () => void): () => void {
    this.wakers.add(wake);
    this.ensureConnected();
    return () => this.wakers.delete(wake);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakers.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureConnected(): void {
    if (this.closed || this.client || this.connecting) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.on('notification', (message) => {
      if (this.ownOrigin === undefined || message.payload !== this.ownOrigin) this.wakeAll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.failures += 1;
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.wakeAll(); // anything committed while we were not listening
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.wakeAll();
    this.failures += 1;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.wakers.size === 0) return;
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 100 * 2 ** Math.min(this.failures, 6));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.ensureConnected();
    }, delay);
    this.reconnectTimer.unref();
  }

  private wakeAll(): void {
    for (const wake of this.wakers) wake();
  }
}
