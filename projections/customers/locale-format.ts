/**
 * How customer-facing texts (the tracking page, the emails) show money, dates and when refunded
 * money arrives: one place, so the page and the emails never disagree.
 */
import type { BusinessCalendar, CustomerLocale, PaymentMethod } from '@app/ordering';

/** The locale given to Intl for numbers and dates. */
export const INTL_LOCALE: Record<CustomerLocale, string> = { en: 'en-GB', fr: 'fr-FR', fi: 'fi-FI', zh: 'zh-CN' };

/** Banks and PayPal: up to this many business days after the refund is issued (docs/tracking.md "Refunds"). */
export const BANK_BUSINESS_DAYS = 5;

/** The store wallet is credited at once; every other destination goes through a bank or PayPal. */
export function fundsExpectedBy(destination: PaymentMethod, issuedAt: string, calendar: BusinessCalendar): string {
  if (destination === 'wallet') return issuedAt;
  return calendar.addBusinessDays(new Date(issuedAt), BANK_BUSINESS_DAYS).toISOString();
}

/** Amounts in the currency's own minor unit (2 for EUR, 0 for JPY). */
export function moneyFormatter(locale: CustomerLocale, currency: string): (minorUnits: number) => string {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return (minorUnits) => format.format(minorUnits / 10 ** digits);
}

/** Dates as the merchant's business calendar sees them (its time zone). */
export function dateFormatter(locale: CustomerLocale, calendar: BusinessCalendar): (iso: string) => string {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: calendar.timeZone });
  return (iso) => format.format(new Date(iso));
}

/** Replaces each {name} with its value; a placeholder without a value stays visible rather than vanish. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
