import { performance } from 'node:perf_hooks';
import type { MasterKey } from '@app/privacy';
import { signature, signingKeys } from '../secrets';
import { parseRetryAfter } from '../retry-schedule';
import { webhookUrlProblem } from '../webhook-targets';
import { MAX_RESPONSE_BYTES, type Attempt, type AttemptResult, type SinkDriver } from './sink';

export interface WebhookSinkOptions {
  timeoutMs: number;
  allowedHosts?: readonly string[];
  masterKey: () => Promise<MasterKey>;
}

/**
 * Standard Webhooks: POST the CloudEvent with `webhook-id` (the event id: the same on every
 * retry and replay), `webhook-timestamp` (unix seconds, from the clock) and `webhook-signature`.
 * Redirects are not followed (a 3xx is a refusal): a webhook goes where it was registered.
 */
export class WebhookSink implements SinkDriver {
  constructor(private readonly options: WebhookSinkOptions) {}

  async deliver({ subscription, event, body, now }: Attempt): Promise<AttemptResult> {
    if (subscription.sink.type !== 'webhook') throw new Error('not a webhook subscription');
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = webhookUrlProblem(subscription.sink.url, this.options.allowedHosts);
    if (refused) return { outcome: 'rejected', durationMs: 0, error: `url ${refused}` };
    const timestamp = Math.floor(now.getTime() / 1000);
    const keys = signingKeys(await this.options.masterKey(), subscription.subscriptionId, subscription.secrets, now);
    let response: Response;
    try {
      response = await fetch(subscription.sink.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'user-agent': 'order-management-webhooks/1',
          'webhook-id': event.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature(keys, event.id, timestamp, body),
        },
        body,
      });
    } catch (error) {
      return { outcome: 'retry', durationMs: elapsed(), error: describe(error, this.options.timeoutMs) };
    }
    const text = await firstBytes(response);
    const result = { statusCode: response.status, response: text, durationMs: elapsed() };
    if (response.status >= 200 && response.status < 300) return { outcome: 'delivered', ...result };
    if (response.status === 410) return { outcome: 'gone', ...result };
    if (response.status === 429 || response.status >= 500) {
      return { outcome: 'retry', ...result, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now) };
    }
    return { outcome: 'rejected', ...result };
  }
}

/** The first 1 KiB of the answer; the rest is not read (the connection is dropped). */
async function firstBytes(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    while (size < MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.length;
    }
  } catch {
    // A body cut short (timeout, reset) after the status: the status is what counts.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
}

function describe(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors (a DOMException for the timeout) may come from another realm.
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  return `${message ?? String(error)}${cause?.message ? `: ${cause.message}` : ''}`;
}
