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
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('reads calendar settings', () => {
    const config = loadConfig({ HOLIDAYS: '2026-12-25, 2027-01-01', BUSINESS_TZ: 'Europe/Paris', TEST_CLOCK: '1' });
    expect(config.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(config.businessTimeZone).toBe('Europe/Paris');
    expect(config.testClock).toBe(true);
  });

  it('reads the SLA durations, with domain.md\'s defaults', () => {
    expect(loadConfig({}).slaDurations).toEqual({
      paymentTimeoutHours: 24, shipmentBusinessDays: 5, deliveryDays: 15, receiptAutoConfirmDays: 7,
      returnReviewBusinessDays: 2, refundAfterReturnBusinessDays: 7, refundAfterCancellationOrFailureBusinessDays: 3,
      complaintResponseHours: 24,
    });
    const config = loadConfig({
      SLA_PAYMENT_TIMEOUT_HOURS: '48', SLA_SHIPMENT_BUSINESS_DAYS: '3', SLA_DELIVERY_DAYS: '20', SLA_RECEIPT_AUTO_CONFIRM_DAYS: '10',
      SLA_RETURN_REVIEW_BUSINESS_DAYS: '1', SLA_REFUND_AFTER_RETURN_BUSINESS_DAYS: '5',
      SLA_REFUND_AFTER_CANCELLATION_OR_FAILURE_BUSINESS_DAYS: '2', SLA_COMPLAINT_RESPONSE_HOURS: '8',
    });
    expect(config.slaDurations).toEqual({
      paymentTimeoutHours: 48, shipmentBusinessDays: 3, deliveryDays: 20, receiptAutoConfirmDays: 10,
      returnReviewBusinessDays: 1, refundAfterReturnBusinessDays: 5, refundAfterCancellationOrFailureBusinessDays: 2,
      complaintResponseHours: 8,
    });
  });

  it('reads the personal-data master key (32 bytes, base64) without ever echoing a bad one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PII_MASTER_KEY: key }).piiMasterKey).toBe(key);
    expect(loadConfig({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64url') }).piiMasterKey).toBeDefined();
    expect(loadConfig({}).piiMasterKey).toBeUndefined();
    expect(loadConfig({}).piiKeyCacheMs).toBe(30_000);
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
});
