/**
 * The order policy and business calendar as configured. One place builds them, so the write
 * path (decide), the sla-timers projection and the scheduler all judge time by the same rules.
 */
import { createHash } from 'node:crypto';
import type { AppConfig, SlaDurations } from '@app/config';
import { BusinessCalendar, DEFAULT_POLICY, type OrderPolicy } from '@app/ordering';

const DURATION_FIELDS: ReadonlyArray<keyof SlaDurations> = [
  'paymentTimeoutHours', 'shipmentBusinessDays', 'deliveryDays', 'receiptAutoConfirmDays',
  'returnReviewBusinessDays', 'refundAfterReturnBusinessDays', 'refundAfterCancellationOrFailureBusinessDays',
  'complaintResponseHours', 'followUpBusinessDays', 'repairBusinessDays',
];

/**
 * DEFAULT_POLICY with the configured durations and warranties. The version names the rules each decision was
 * taken under (events record it), so durations that differ from the defaults get a version of
 * their own, derived from their values: the same settings give the same version on every process.
 */
export function policyFromConfig(config: Pick<AppConfig, 'slaDurations' | 'warrantyDays'>): OrderPolicy {
  const durations = Object.fromEntries(DURATION_FIELDS.map((f) => [f, config.slaDurations[f]])) as unknown as SlaDurations;
  const warrantyDays = { ...DEFAULT_POLICY.warrantyDays, ...config.warrantyDays };
  const changed = DURATION_FIELDS.filter((f) => durations[f] !== DEFAULT_POLICY[f]);
  const warrantyChanged = CATEGORIES.some((c) => warrantyDays[c] !== DEFAULT_POLICY.warrantyDays[c]);
  if (!changed.length && !warrantyChanged) return DEFAULT_POLICY;
  const digest = createHash('sha256').update(JSON.stringify({ ...durations, warrantyDays })).digest('hex').slice(0, 8);
  return Object.freeze({ ...DEFAULT_POLICY, ...durations, warrantyDays: Object.freeze(warrantyDays), version: `${DEFAULT_POLICY.version}+sla.${digest}` });
}

const CATEGORIES = ['physical', 'custom', 'digital', 'service'] as const;

export function calendarFromConfig(config: Pick<AppConfig, 'holidays' | 'businessTimeZone'>): BusinessCalendar {
  return new BusinessCalendar({ holidays: config.holidays, timeZone: config.businessTimeZone });
}
