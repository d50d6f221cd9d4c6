/**
 * The service's configuration, read once from the environment and validated at start.
 * A bad value stops the start with a message naming the variable (.env.example lists them all).
 */
export type Mode = 'all' | 'api' | 'projector';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  eventStoreUrl?: string;
  /** Raw `role:token,...`; parsed and checked by the auth module. */
  apiTokens?: string;
  mode: Mode;
  logLevel: LogLevel;
  /** Pretty, human-readable logs (a terminal); JSON lines otherwise. */
  logPretty: boolean;
  holidays: string[];
  businessTimeZone: string;
  slaTickMs: number;
  /** Service-level durations (domain.md "Service-level timers"); each new timer records the one it used. */
  slaDurations: SlaDurations;
  testClock: boolean;
  pgPoolSize: number;
  projectionBatchSize: number;
  /** Base64 of the 32-byte key wrapping customers' data keys; unset: DATA_DIR/pii-master.key (docs/privacy.md). */
  piiMasterKey?: string;
  /** How long a process trusts a cached data key: the bound on an erasure reaching other processes. */
  piiKeyCacheMs: number;
  /** Customers' tracking links and page (docs/tracking.md). */
  tracking: TrackingConfig;
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
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    dataDir: str(env, 'DATA_DIR') ?? './data',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    eventStoreUrl: url(env, 'EVENT_STORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kdb:']),
    apiTokens: str(env, 'API_TOKENS'),
    mode: oneOf(env, 'MODE', ['all', 'api', 'projector'] as const, 'all'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    logPretty: bool(env, 'LOG_PRETTY', Boolean(process.stdout.isTTY)),
    holidays: dates(env, 'HOLIDAYS'),
    businessTimeZone: timeZone(env, 'BUSINESS_TZ'),
    slaTickMs: int(env, 'SLA_TICK_MS', 5000, 100, 3_600_000),
    slaDurations: slaDurations(env),
    testClock: bool(env, 'TEST_CLOCK', false),
    pgPoolSize: int(env, 'PG_POOL_SIZE', 20, 2, 500),
    projectionBatchSize: int(env, 'PROJECTION_BATCH_SIZE', 2000, 1, 50_000),
    piiMasterKey: masterKey(env, 'PII_MASTER_KEY'),
    piiKeyCacheMs: int(env, 'PII_KEY_CACHE_MS', 30_000, 0, 600_000),
    tracking: trackingConfig(env),
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

/** domain.md's defaults; a year is the longest any of them may be. */
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

/** 32 bytes in base64 (standard or URL-safe), as `openssl rand -base64 32` prints them. */
function masterKey(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(raw) || Buffer.from(raw, 'base64').length !== 32) {
    throw new ConfigError(name, 'must be 32 bytes in base64, e.g. the output of `openssl rand -base64 32`');
  }
  return raw;
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
