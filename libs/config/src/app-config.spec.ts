import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', mode: 'all', logLevel: 'info', businessTimeZone: 'UTC', slaTickMs: 5000, testClock: false, holidays: [] });
    expect(config.databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MODE', 'both'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
    ['EVENT_STORE_URL', 'not a url'],
    ['HOLIDAYS', '2026-12-25,25/12/2026'],
    ['BUSINESS_TZ', 'Mars/Olympus'],
    ['TEST_CLOCK', 'maybe'],
    ['SLA_PAYMENT_TIMEOUT_HOURS', '0'],
    ['SLA_SHIPMENT_BUSINESS_DAYS', '2.5'],
    ['SLA_REFUND_AFTER_CANCELLATION_OR_FAILURE_BUSINESS_DAYS', '-1'],
    ['SLA_COMPLAINT_RESPONSE_HOURS', '9000'],
    ['SLA_FOLLOW_UP_BUSINESS_DAYS', '0'],
    ['SLA_REPAIR_BUSINESS_DAYS', '261'],
    ['WARRANTY_DAYS_PHYSICAL', '-1'],
    ['WARRANTY_DAYS_CUSTOM', '3651'],
    ['WARRANTY_DAYS_DIGITAL', 'a year'],
    ['PII_MASTER_KEY', 'too-short'],
    ['PII_MASTER_KEY', Buffer.alloc(16, 1).toString('base64')],
    ['PII_MASTER_KEY', Buffer.alloc(33, 1).toString('base64')],
    ['PII_KEY_CACHE_MS', '600001'],
    ['PUBLIC_BASE_URL', 'shop.example.com'],
    ['PUBLIC_BASE_URL', 'ftp://shop.example.com'],
    ['PUBLIC_BASE_URL', 'https://shop.example.com/?a=1'],
    ['PUBLIC_BASE_URL', 'https://user:pw@shop.example.com'],
    ['TRACKING_SECRET', 'short'],
    ['TRACKING_RATE_LIMIT', '0'],
    ['TRACKING_RATE_WINDOW_SECONDS', 'x'],
    ['AUDIT_SIGNING_KEY', Buffer.alloc(31, 1).toString('base64')],
    ['AUDIT_CHECKPOINT_MS', '99'],
    ['RATE_LIMIT_PER_TOKEN', 'many'],
    ['RATE_LIMIT_ANONYMOUS', '-1'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['MAX_CONNECTIONS', '0'],
    ['HEADERS_TIMEOUT_MS', '50'],
    ['REQUEST_TIMEOUT_MS', '5000'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
    ['TRUSTED_PROXIES', 'proxy.example.com'],
    ['METRICS_PORT', '0'],
    ['NATS_URL', 'http://127.0.0.1:4222'],
    ['WEBHOOK_ALLOWED_HOSTS', 'hooks.example.com,https://x.example.com'],
    ['WEBHOOK_ALLOWED_HOSTS', 'a b'],
    ['WEBHOOK_TIMEOUT_MS', '10'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['SMTP_URL', 'mail.example.com:25'],
    ['MAIL_FROM', 'shop'],
    ['MAIL_FROM', 'a@example.com, b@example.com'],
    ['STAFF_EMAIL', 'Staff <staff@example.com>'],
    ['STAFF_EMAIL', 'a@example.com,b@example.com'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('has HTTP limits that never throttle a busy service token, and a low one without a valid token', () => {
    expect(loadConfig({}).httpLimits).toEqual({
      rateLimitWindowSeconds: 60, perTokenRequests: 600_000, anonymousRequests: 60, maxConnections: 2000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000,
    });
    expect(loadConfig({ RATE_LIMIT_PER_TOKEN: '0', HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '2000' }).httpLimits)
      .toMatchObject({ perTokenRequests: 0, headersTimeoutMs: 2000, requestTimeoutMs: 2000 });
  });

  it('binds to 127.0.0.1 on the embedded database, to every interface with DATABASE_URL, or to HOST', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/orders' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('trusts no proxy unless told, and reads addresses and ranges', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
  });

  it('reads calendar settings', () => {
    const config = loadConfig({ HOLIDAYS: '2026-12-25, 2027-01-01', BUSINESS_TZ: 'Europe/Paris', TEST_CLOCK: '1' });
    expect(config.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(config.businessTimeZone).toBe('Europe/Paris');
    expect(config.testClock).toBe(true);
  });

  it('reads the SLA durations, with the business rules\' defaults', () => {
    expect(loadConfig({}).slaDurations).toEqual({
      paymentTimeoutHours: 24, shipmentBusinessDays: 5, deliveryDays: 15, receiptAutoConfirmDays: 7,
      returnReviewBusinessDays: 2, refundAfterReturnBusinessDays: 7, refundAfterCancellationOrFailureBusinessDays: 3,
      complaintResponseHours: 24, followUpBusinessDays: 2, repairBusinessDays: 15,
    });
    const config = loadConfig({
      SLA_PAYMENT_TIMEOUT_HOURS: '48', SLA_SHIPMENT_BUSINESS_DAYS: '3', SLA_DELIVERY_DAYS: '20', SLA_RECEIPT_AUTO_CONFIRM_DAYS: '10',
      SLA_RETURN_REVIEW_BUSINESS_DAYS: '1', SLA_REFUND_AFTER_RETURN_BUSINESS_DAYS: '5',
      SLA_REFUND_AFTER_CANCELLATION_OR_FAILURE_BUSINESS_DAYS: '2', SLA_COMPLAINT_RESPONSE_HOURS: '8', SLA_FOLLOW_UP_BUSINESS_DAYS: '4', SLA_REPAIR_BUSINESS_DAYS: '10',
    });
    expect(config.slaDurations).toEqual({
      paymentTimeoutHours: 48, shipmentBusinessDays: 3, deliveryDays: 20, receiptAutoConfirmDays: 10,
      returnReviewBusinessDays: 1, refundAfterReturnBusinessDays: 5, refundAfterCancellationOrFailureBusinessDays: 2,
      complaintResponseHours: 8, followUpBusinessDays: 4, repairBusinessDays: 10,
    });
  });

  it('reads the warranty per category, in days from delivery (0: none), with the business rules\' defaults', () => {
    expect(loadConfig({}).warrantyDays).toEqual({ physical: 365, custom: 365, digital: 0, service: 0 });
    expect(loadConfig({ WARRANTY_DAYS_PHYSICAL: '730', WARRANTY_DAYS_CUSTOM: '0', WARRANTY_DAYS_DIGITAL: '90', WARRANTY_DAYS_SERVICE: '30' }).warrantyDays)
      .toEqual({ physical: 730, custom: 0, digital: 90, service: 30 });
  });

  it('reads the personal-data master key (32 bytes, base64) without ever echoing a bad one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PII_MASTER_KEY: key }).piiMasterKey).toBe(key);
    expect(loadConfig({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64url') }).piiMasterKey).toBeDefined();
    expect(loadConfig({}).piiMasterKey).toBeUndefined();
    expect(loadConfig({}).piiKeyCacheMs).toBe(30_000);
    expect(loadConfig({}).auditCheckpointMs).toBe(60_000);
    expect(loadConfig({ AUDIT_SIGNING_KEY: key }).auditSigningKey).toBe(key);
    const secretish = `${key.slice(0, 40)}!!!=`;
    expect(() => loadConfig({ PII_MASTER_KEY: secretish })).toThrow(/^Invalid configuration: PII_MASTER_KEY must be 32 bytes in base64/);
    try {
      loadConfig({ PII_MASTER_KEY: secretish });
    } catch (error) {
      expect((error as Error).message).not.toContain(secretish);
    }
  });

  it('reads the tracking settings: the public origin defaults to localhost on PORT, trailing slashes dropped', () => {
    expect(loadConfig({}).tracking).toEqual({ publicBaseUrl: 'http://localhost:3000', secret: undefined, rateLimitMax: 60, rateLimitWindowSeconds: 60 });
    expect(loadConfig({ PORT: '8080' }).tracking.publicBaseUrl).toBe('http://localhost:8080');
    const secret = 'x'.repeat(32);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://shop.example.com/orders/', TRACKING_SECRET: secret, TRACKING_RATE_LIMIT: '5', TRACKING_RATE_WINDOW_SECONDS: '10' }).tracking)
      .toEqual({ publicBaseUrl: 'https://shop.example.com/orders', secret, rateLimitMax: 5, rateLimitWindowSeconds: 10 });
  });

  it('reads the outbound delivery settings', () => {
    expect(loadConfig({})).toMatchObject({ natsUrl: undefined, webhookAllowedHosts: undefined, webhookTimeoutMs: 10_000 });
    const config = loadConfig({ NATS_URL: 'nats://127.0.0.1:4222', WEBHOOK_ALLOWED_HOSTS: ' Hooks.Example.com, *.partner.example ', WEBHOOK_TIMEOUT_MS: '500' });
    expect(config).toMatchObject({ natsUrl: 'nats://127.0.0.1:4222', webhookAllowedHosts: ['hooks.example.com', '*.partner.example'], webhookTimeoutMs: 500 });
  });

  it('reads the mail settings: without SMTP_URL the emails are files, and no staff alert goes out without STAFF_EMAIL', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Order management <orders@localhost>', staffEmail: undefined });
    expect(loadConfig({ SMTP_URL: 'smtps://user:pw@mail.example.com:465', MAIL_FROM: 'Shop <orders@shop.example>', STAFF_EMAIL: 'staff@shop.example' }).mail)
      .toEqual({ smtpUrl: 'smtps://user:pw@mail.example.com:465', from: 'Shop <orders@shop.example>', staffEmail: 'staff@shop.example' });
  });
});
