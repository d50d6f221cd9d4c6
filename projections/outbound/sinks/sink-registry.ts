import type { MasterKey } from '@app/privacy';
import type { Sink } from '../subscription';
import { NatsSink } from './nats-sink';
import type { AttemptResult, SinkDriver } from './sink';
import { WebhookSink } from './webhook-sink';

export interface SinkSettings {
  webhookTimeoutMs: number;
  webhookAllowedHosts?: readonly string[];
  natsUrl?: string;
  masterKey: () => Promise<MasterKey>;
  /** The emails' driver (projections/notifications); absent: email events wait, retried. */
  email?: SinkDriver;
}

/** One driver per kind of sink for the process (the NATS connection is shared). */
export class SinkRegistry {
  private readonly webhook: WebhookSink;
  private readonly nats: SinkDriver;
  private readonly email: SinkDriver;

  constructor(settings: SinkSettings) {
    this.webhook = new WebhookSink({ timeoutMs: settings.webhookTimeoutMs, allowedHosts: settings.webhookAllowedHosts, masterKey: settings.masterKey });
    this.nats = settings.natsUrl ? new NatsSink(settings.natsUrl, settings.webhookTimeoutMs) : NO_NATS;
    this.email = settings.email ?? NO_EMAIL;
  }

  driverFor(sink: Sink): SinkDriver {
    return sink.type === 'webhook' ? this.webhook : sink.type === 'nats' ? this.nats : this.email;
  }

  async close(): Promise<void> {
    await this.nats.close?.();
    await this.email.close?.();
  }
}

/** A nats subscription made while NATS_URL was set, delivered by a process without it: retried until it is set again. */
const NO_NATS: SinkDriver = {
  deliver: async (): Promise<AttemptResult> => ({ outcome: 'retry', durationMs: 0, error: 'NATS_URL is not set in the delivering process' }),
};

const NO_EMAIL: SinkDriver = {
  deliver: async (): Promise<AttemptResult> => ({ outcome: 'retry', durationMs: 0, error: 'no email driver in the delivering process' }),
};
