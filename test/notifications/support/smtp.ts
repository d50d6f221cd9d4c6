/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package): every message it accepts,
 * parsed with mailparser. It can be stopped and started again on the same port (an SMTP outage).
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@app/harness/child-process-app';

export interface ReceivedMail {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(predicate: () => boolean, ms?: number): Promise<void>;
  /** The messages to one address. */
  to(address: string): ReceivedMail[];
}

/**
 * `delayMs`: how long the server takes to accept each message (a kill then lands mid-sending);
 * `refuse`: recipients answered 550 (no such mailbox).
 */
export async function startSmtp(options: { delayMs?: number; refuse?: (address: string) => boolean } = {}): Promise<SmtpSink> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (options.refuse?.(address.address)) {
            callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such mailbox here`), { responseCode: 550 }));
            return;
          }
          callback();
        },
        onData(stream, session, callback) {
          simpleParser(stream).then(async (parsed) => {
            if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
            for (const rcpt of session.envelope.rcptTo) {
              received.push({ to: rcpt.address, messageId: parsed.messageId ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', parsed });
            }
            callback();
          }, callback);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      // A client killed mid-session resets its connection: the server reports it, nothing more.
      server.on('error', () => undefined);
    },
    async stop() {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async waitFor(predicate, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting; received: ${JSON.stringify(received.map((m) => [m.to, m.subject]))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    to: (address) => received.filter((m) => m.to === address),
  };
  await sink.start();
  return sink;
}

/** Polls `read` until `done` holds for its answer (records are written just after the server's acceptance). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
