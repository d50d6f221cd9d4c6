/**
 * The service's configuration, read once from the environment and validated at start.
 * A bad value stops the start with a message naming the variable (.env.example lists them all).
 */
import { isIP } from 'node:net';
import { eventStoreSettings, eventStoreUrlProblem, type EventStoreSettings } from './event-store-config';

export type { EventStoreSettings } from './event-store-config';

export type Mode = 'all' | 'api' | 'projector';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  eventStoreUrl?: string;
  /** Timeouts and discovery bounds of the EventStoreDB adapter (docs/event-store.md). */
  eventStore: EventStoreSettings;
  /** Raw `role:token,...`; parsed and checked by the auth module. */
  apiTokens?: string;
  mode: Mode;
  logLevel: LogLevel;
  /** Pretty, human-readable logs (a terminal); JSON lines otherwise. */
  logPretty: boolean;
  holidays: string[];
  businessTimeZone: string;
  slaTickMs: number;
  /** Service-level durations (docs/domain-rules.md "Service-level timers"); each new timer records the one it used. */
  slaDurations: SlaDurations;
  /** Warranty per product category, calendar days from delivery; 0: none (docs/domain-rules.md "Warranty and repair"). */
  warrantyDays: WarrantyDays;
  testClock: boolean;
  pgPoolSize: number;
  projectionBatchSize: number;
  /** A projection whose log head stays ahead of it this long without progress resubscribes (docs/projections.md). */
  projectionStallMs: number;
  /** Base64 of the 32-byte key wrapping customers' data keys; unset: DATA_DIR/pii-master.key (docs/privacy.md). */
  piiMasterKey?: string;
  /** How long a process trusts a cached data key: the bound on an erasure reaching other processes. */
  piiKeyCacheMs: number;
  /** Base64 of the 32-byte Ed25519 seed signing audit checkpoints; unset: DATA_DIR/audit-signing.key (embedded) or no checkpoints (external); docs/auditing.md. */
  auditSigningKey?: string;
  /** How often (ms) the projector signs a checkpoint of the event log. */
  auditCheckpointMs: number;
  /** The HTTP server's limits against abuse (docs/operations.md "HTTP limits"). */
  httpLimits: HttpLimits;
  /** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-* headers are believed; none by default. */
  trustedProxies: string[];
  /** Serve /metrics and /docs on this port too, without a token, bound to HOST; unset: only on PORT, with a token. */
  metricsPort?: number;
  /** NATS server(s) for subscriptions with a nats sink; unset: such subscriptions are refused. */
  natsUrl?: string;
  /** Hosts webhooks may be sent to (`*.example.com` for subdomains); unset: any http(s) host. */
  webhookAllowedHosts?: string[];
  /** Time allowed for one webhook attempt (and one broker acknowledgement). */
  webhookTimeoutMs: number;
  /** Customers' tracking links and page (docs/tracking.md). */
  tracking: TrackingConfig;
  /** Customers' emails and staff alerts (docs/notifications.md). */
  mail: MailConfig;
}

export interface MailConfig {
  /** SMTP_URL (smtp:// or smtps://, credentials allowed); unset: each message is written as an .eml file under DATA_DIR/mail. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender, `address` or `Name <address>`. */
  from: string;
  /** STAFF_EMAIL: where staff alerts go; unset: none is sent. */
  staffEmail?: string;
}

export interface TrackingConfig {
  /** PUBLIC_BASE_URL without a trailing slash: the origin (and path prefix) of the links customers get. */
  publicBaseUrl: string;
  /** TRACKING_SECRET; unset: DATA_DIR/tracking-secret.key, generated on first start. */
  secret?: string;
  /** Requests to /track/... per client address and window. */
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
}

export interface HttpLimits {
  rateLimitWindowSeconds: number;
  /** Requests per window of one valid token; 0: unlimited. */
  perTokenRequests: number;
  /** Requests per window from one address without a valid token (wrong, unknown or none); 0: unlimited. */
  anonymousRequests: number;
  maxConnections: number;
  /** A client must have sent all its headers within this time, or the connection is closed. */
  headersTimeoutMs: number;
  /** A client must have sent its whole request within this time. */
  requestTimeoutMs: number;
}

export interface WarrantyDays {
  physical: number;
  custom: number;
  digital: number;
  service: number;
}

/** Named like the OrderPolicy fields they set, so the SLA policy is a plain spread of them. */
export interface SlaDurations {
  paymentTimeoutHours: number;
  shipmentBusinessDays: number;
  deliveryDays: number;
  receiptAutoConfirmDays: number;
  returnReviewBusinessDays: number;
  refundAfterReturnBusinessDays: number;
  refundAfterCancellationOrFailureBusinessDays: number;
  complaintResponseHours: number;
  followUpBusinessDays: number;
  repairBusinessDays: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    // The embedded database is for one machine: its API is not offered to the network unless asked.
    host: str(env, 'HOST') ?? (databaseUrl ? '0.0.0.0' : '127.0.0.1'),
    dataDir: str(env, 'DATA_DIR') ?? './data',
    databaseUrl,
    eventStoreUrl: esdbUrl(env, 'EVENT_STORE_URL'),
    eventStore: eventStoreSettings(env, int),
    apiTokens: str(env, 'API_TOKENS'),
    mode: oneOf(env, 'MODE', ['all', 'api', 'projector'] as const, 'all'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    logPretty: bool(env, 'LOG_PRETTY', Boolean(process.stdout.isTTY)),
    holidays: dates(env, 'HOLIDAYS'),
    businessTimeZone: timeZone(env, 'BUSINESS_TZ'),
    slaTickMs: int(env, 'SLA_TICK_MS', 5000, 100, 3_600_000),
    slaDurations: slaDurations(env),
    warrantyDays: warrantyDays(env),
    testClock: bool(env, 'TEST_CLOCK', false),
    pgPoolSize: int(env, 'PG_POOL_SIZE', 20, 2, 500),
    projectionBatchSize: int(env, 'PROJECTION_BATCH_SIZE', 2000, 1, 50_000),
    projectionStallMs: int(env, 'PROJECTION_STALL_MS', 30_000, 1000, 3_600_000),
    piiMasterKey: key32(env, 'PII_MASTER_KEY'),
    piiKeyCacheMs: int(env, 'PII_KEY_CACHE_MS', 30_000, 0, 600_000),
    auditSigningKey: key32(env, 'AUDIT_SIGNING_KEY'),
    auditCheckpointMs: int(env, 'AUDIT_CHECKPOINT_MS', 60_000, 100, 86_400_000),
    httpLimits: httpLimits(env),
    trustedProxies: addresses(env, 'TRUSTED_PROXIES'),
    metricsPort: optionalInt(env, 'METRICS_PORT', 1, 65535),
    natsUrl: url(env, 'NATS_URL', ['nats:', 'tls:']),
    webhookAllowedHosts: hosts(env, 'WEBHOOK_ALLOWED_HOSTS'),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    tracking: trackingConfig(env),
    mail: mailConfig(env),
  };
}

function mailConfig(env: Env): MailConfig {
  const from = str(env, 'MAIL_FROM') ?? 'Order management <orders@localhost>';
  if (!MAILBOX.test(from) && !NAMED_MAILBOX.test(from)) throw new ConfigError('MAIL_FROM', `must be an address or "Name <address>", got "${from}"`);
  const staffEmail = str(env, 'STAFF_EMAIL');
  if (staffEmail !== undefined && !MAILBOX.test(staffEmail)) throw new ConfigError('STAFF_EMAIL', `must be one email address, got "${staffEmail}"`);
  return { smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']), from, staffEmail };
}

/** One address: something@host, no spaces, commas or angle brackets (so no second recipient can hide in it). */
const MAILBOX = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
const NAMED_MAILBOX = /^[^<>@,;"]+ <[^\s@<>,;"]+@[^\s@<>,;"]+>$/;

/**
 * A failed authentication is cheap to send and says nothing good: few per address. A valid
 * token is a known caller (a service sending thousands of commands a second): a high ceiling.
 */
function httpLimits(env: Env): HttpLimits {
  const headersTimeoutMs = int(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = int(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  // Node refuses a header timeout longer than the request timeout.
  if (requestTimeoutMs < headersTimeoutMs) throw new ConfigError('REQUEST_TIMEOUT_MS', `must be at least HEADERS_TIMEOUT_MS (${headersTimeoutMs}), got ${requestTimeoutMs}`);
  return {
    rateLimitWindowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
    perTokenRequests: int(env, 'RATE_LIMIT_PER_TOKEN', 600_000, 0, 100_000_000),
    anonymousRequests: int(env, 'RATE_LIMIT_ANONYMOUS', 60, 0, 100_000_000),
    maxConnections: int(env, 'MAX_CONNECTIONS', 2000, 1, 1_000_000),
    headersTimeoutMs,
    requestTimeoutMs,
  };
}

function trackingConfig(env: Env): TrackingConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  return {
    publicBaseUrl: publicBaseUrl(env, 'PUBLIC_BASE_URL') ?? `http://localhost:${port}`,
    secret: secret(env, 'TRACKING_SECRET'),
    rateLimitMax: int(env, 'TRACKING_RATE_LIMIT', 60, 1, 100_000),
    rateLimitWindowSeconds: int(env, 'TRACKING_RATE_WINDOW_SECONDS', 60, 1, 86_400),
  };
}

/** An origin with an optional path prefix; the links append /track/<token> to it. */
function publicBaseUrl(env: Env, name: string): string | undefined {
  const raw = url(env, name, ['http:', 'https:']);
  if (raw === undefined) return undefined;
  const parsed = new URL(raw);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ConfigError(name, 'must be an origin with an optional path, without query, fragment or credentials, e.g. https://shop.example.com');
  }
  return raw.replace(/\/+$/, '');
}

/** A long random string: only its length can be checked (32 characters hold enough randomness from any generator that prints base64 or hex). */
function secret(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 32`');
  return raw;
}

/** The business rules' defaults (docs/domain-rules.md "Service-level timers"); a year is the longest any of them may be. */
function slaDurations(env: Env): SlaDurations {
  return {
    paymentTimeoutHours: int(env, 'SLA_PAYMENT_TIMEOUT_HOURS', 24, 1, 8760),
    shipmentBusinessDays: int(env, 'SLA_SHIPMENT_BUSINESS_DAYS', 5, 1, 260),
    deliveryDays: int(env, 'SLA_DELIVERY_DAYS', 15, 1, 365),
    receiptAutoConfirmDays: int(env, 'SLA_RECEIPT_AUTO_CONFIRM_DAYS', 7, 1, 365),
    returnReviewBusinessDays: int(env, 'SLA_RETURN_REVIEW_BUSINESS_DAYS', 2, 1, 260),
    refundAfterReturnBusinessDays: int(env, 'SLA_REFUND_AFTER_RETURN_BUSINESS_DAYS', 7, 1, 260),
    refundAfterCancellationOrFailureBusinessDays: int(env, 'SLA_REFUND_AFTER_CANCELLATION_OR_FAILURE_BUSINESS_DAYS', 3, 1, 260),
    complaintResponseHours: int(env, 'SLA_COMPLAINT_RESPONSE_HOURS', 24, 1, 8760),
    followUpBusinessDays: int(env, 'SLA_FOLLOW_UP_BUSINESS_DAYS', 2, 1, 260),
    repairBusinessDays: int(env, 'SLA_REPAIR_BUSINESS_DAYS', 15, 1, 260),
  };
}

/** Up to ten years; 0 turns a category's warranty off. */
function warrantyDays(env: Env): WarrantyDays {
  return {
    physical: int(env, 'WARRANTY_DAYS_PHYSICAL', 365, 0, 3650),
    custom: int(env, 'WARRANTY_DAYS_CUSTOM', 365, 0, 3650),
    digital: int(env, 'WARRANTY_DAYS_DIGITAL', 0, 0, 3650),
    service: int(env, 'WARRANTY_DAYS_SERVICE', 0, 0, 3650),
  };
}

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function optionalInt(env: Env, name: string, min: number, max: number): number | undefined {
  return str(env, name) === undefined ? undefined : int(env, name, 0, min, max);
}

/** Comma-separated IPv4/IPv6 addresses or CIDR ranges (`10.0.0.0/8`). */
function addresses(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((item) => {
    const entry = item.trim();
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (!version || !prefixOk || rest.length) throw new ConfigError(name, `must be a comma-separated list of IP addresses or CIDR ranges, got "${entry}"`);
    return entry;
  });
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be 1/0 or true/false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

/** Whatever the EventStoreDB client itself accepts (single node, several hosts, esdb+discover, credentials, options). */
function esdbUrl(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  const problem = eventStoreUrlProblem(raw);
  if (problem) throw new ConfigError(name, problem);
  return raw;
}

/** 32 bytes in base64 (standard or URL-safe), as `openssl rand -base64 32` prints them. */
function key32(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(raw) || Buffer.from(raw, 'base64').length !== 32) {
    throw new ConfigError(name, 'must be 32 bytes in base64, e.g. the output of `openssl rand -base64 32`');
  }
  return raw;
}

/** Comma-separated host names, each exact or `*.` and a domain; lower-cased. */
function hosts(env: Env, name: string): string[] | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  return raw.split(',').map((h) => {
    const host = h.trim().toLowerCase();
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host)) {
      throw new ConfigError(name, `must be a comma-separated list of host names (or *.domain), got "${h.trim()}"`);
    }
    return host;
  });
}

function dates(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((d) => {
    const day = d.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new ConfigError(name, `must be a comma-separated list of YYYY-MM-DD dates, got "${day}"`);
    }
    return day;
  });
}

function timeZone(env: Env, name: string): string {
  const raw = str(env, name) ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new ConfigError(name, `must be an IANA time zone like Europe/Paris, got "${raw}"`);
  }
  return raw;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
