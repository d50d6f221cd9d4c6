import { performance } from 'node:perf_hooks';
import { connect, headers, type NatsConnection } from 'nats';
import type { Attempt, AttemptResult, SinkDriver } from './sink';

/**
 * NATS JetStream: the body published to `<subject>.<eventType>` with `Nats-Msg-Id` = the event
 * id, so the stream drops a redelivered or replayed duplicate within its duplicate window. The
 * publish waits for the stream's acknowledgement; no stream on the subject, or no server, is
 * retried on the schedule like a 5xx.
 */
export class NatsSink implements SinkDriver {
  private connection: Promise<NatsConnection> | null = null;

  constructor(private readonly servers: string, private readonly timeoutMs: number) {}

  async deliver({ subscription, event, body }: Attempt): Promise<AttemptResult> {
    if (subscription.sink.type !== 'nats') throw new Error('not a nats subscription');
    const started = performance.now();
    try {
      const nc = await this.connected();
      const h = headers();
      h.set('Nats-Msg-Id', event.id);
      h.set('content-type', 'application/cloudevents+json');
      const ack = await nc.jetstream({ timeout: this.timeoutMs }).publish(`${subscription.sink.subject}.${event.type}`, Buffer.from(body, 'utf8'), {
        msgID: event.id,
        headers: h,
        timeout: this.timeoutMs,
      });
      return { outcome: 'delivered', durationMs: Math.round(performance.now() - started), response: `stream ${ack.stream} seq ${ack.seq}${ack.duplicate ? ' (duplicate)' : ''}` };
    } catch (error) {
      return { outcome: 'retry', durationMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection) await (await connection.catch(() => null))?.drain().catch(() => undefined);
  }

  private connected(): Promise<NatsConnection> {
    this.connection ??= connect({ servers: this.servers, reconnect: true, maxReconnectAttempts: -1 }).catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }
}
