import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { RenderedEmail } from './render';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** Deterministic (docs/notifications.md "Exactly once"): a message sent again has the same id. */
  messageId: string;
  /** Names the .eml file: `<orderId>.<revision>.<kind>.<audience>.eml`. */
  fileName: string;
}

/** Where emails go: an SMTP server, or files a newcomer can open. */
export interface MailTransport {
  /** Resolves once the message is accepted (by the server, or written); throws otherwise. */
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
  /** For the start-up log, without credentials. */
  readonly description: string;
}

/** <hash of event id, kind and recipient @ the sender's domain>. */
export function messageIdFor(eventId: string, kind: string, recipient: string, from: string): string {
  const hash = createHash('sha256').update(`${eventId}\0${kind}\0${recipient.toLowerCase()}`, 'utf8').digest('hex').slice(0, 40);
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${hash}@${domain}>`;
}

export function mailTransport(settings: { smtpUrl?: string; from: string; dataDir: string; timeoutMs?: number }): MailTransport {
  return settings.smtpUrl ? new SmtpTransport(settings.smtpUrl, settings.from, settings.timeoutMs ?? 30_000) : new FileTransport(path.resolve(settings.dataDir, 'mail'), settings.from);
}

function message(from: string, email: OutgoingEmail) {
  return { from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId };
}

/** One connection per message: emails are few, and a connection never outlives a server that went away. */
class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;
  readonly description: string;

  constructor(url: string, private readonly from: string, timeoutMs: number) {
    this.transporter = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
    const parsed = new URL(url);
    this.description = `SMTP ${parsed.protocol}//${parsed.host}`;
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transporter.sendMail(message(this.from, email));
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** The embedded default: each message a complete .eml file (written whole, then renamed into place). */
class FileTransport implements MailTransport {
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  readonly description: string;

  constructor(private readonly directory: string, private readonly from: string) {
    this.description = `files in ${directory} (SMTP_URL is unset)`;
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.composer.sendMail(message(this.from, email));
    await fs.mkdir(this.directory, { recursive: true });
    const target = path.join(this.directory, email.fileName);
    const temporary = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temporary, info.message as Buffer, { mode: 0o600 });
    await fs.rename(temporary, target);
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
