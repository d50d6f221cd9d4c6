import { loadConfig } from '@app/config';
import { DEFAULT_POLICY } from '@app/ordering';
import { calendarFromConfig, policyFromConfig } from './policy-from-config';

describe('policyFromConfig', () => {
  it('is DEFAULT_POLICY itself when nothing is configured: the defaults are the business rules', () => {
    expect(policyFromConfig(loadConfig({}))).toBe(DEFAULT_POLICY);
  });

  it('takes the configured durations and names them with a version of their own, the same on every process', () => {
    const policy = policyFromConfig(loadConfig({ SLA_PAYMENT_TIMEOUT_HOURS: '48', SLA_REFUND_AFTER_RETURN_BUSINESS_DAYS: '5' }));
    expect(policy).toMatchObject({ paymentTimeoutHours: 48, refundAfterReturnBusinessDays: 5, shipmentBusinessDays: 5, returnWindowDays: DEFAULT_POLICY.returnWindowDays });
    expect(policy.version).toMatch(new RegExp(`^${DEFAULT_POLICY.version.replace(/\./g, '\\.')}\\+sla\\.[0-9a-f]{8}$`));
    expect(policyFromConfig(loadConfig({ SLA_PAYMENT_TIMEOUT_HOURS: '48', SLA_REFUND_AFTER_RETURN_BUSINESS_DAYS: '5' })).version).toBe(policy.version);
    expect(policyFromConfig(loadConfig({ SLA_PAYMENT_TIMEOUT_HOURS: '36' })).version).not.toBe(policy.version);
  });

  it('takes the configured warranties, under a version of their own', () => {
    const policy = policyFromConfig(loadConfig({ WARRANTY_DAYS_PHYSICAL: '730', WARRANTY_DAYS_SERVICE: '30' }));
    expect(policy.warrantyDays).toEqual({ physical: 730, custom: 365, digital: 0, service: 30 });
    expect(policy.version).not.toBe(DEFAULT_POLICY.version);
    expect(policyFromConfig(loadConfig({ WARRANTY_DAYS_PHYSICAL: '731' })).version).not.toBe(policy.version);
  });
});

describe('calendarFromConfig', () => {
  it('uses the configured zone and holidays', () => {
    const calendar = calendarFromConfig(loadConfig({ BUSINESS_TZ: 'Europe/Paris', HOLIDAYS: '2026-05-01' }));
    expect(calendar.timeZone).toBe('Europe/Paris');
    expect(calendar.isBusinessDay('2026-05-01')).toBe(false);
    expect(calendar.isBusinessDay('2026-04-30')).toBe(true);
  });
});
