/**
 * The tracking page's words, one catalogue per language (messages/*.json, docs/tracking.md
 * "Languages"). English's shape is the type every catalogue is held to; a spec checks that
 * every catalogue has exactly English's keys.
 */
import { CUSTOMER_LOCALES, type CustomerLocale, type LineStatus, type OrderStatus, type PaymentMethod } from '@app/ordering';
import en from './messages/en.json';
import fi from './messages/fi.json';
import fr from './messages/fr.json';
import zh from './messages/zh.json';

interface StatusWords {
  label: string;
  text: string;
}

export interface Messages {
  meta: { languageName: string };
  page: typeof en.page;
  orderStatus: Record<OrderStatus, StatusWords>;
  lineStatus: Record<LineStatus, StatusWords>;
  refundDestination: Record<PaymentMethod, string>;
  /** Per destination: the refund in plain words; {amount} and {date} (funds expected by) filled in. */
  refund: Record<PaymentMethod, string>;
}

export const CATALOGUES: Record<CustomerLocale, Messages> = { en, fr, fi, zh };

// Filling templates, and the locale given to Intl for numbers and dates: shared with the emails.
export { fill, INTL_LOCALE } from '@app/projections/customers';

/** The page's `lang` attribute. */
export const HTML_LANG: Record<CustomerLocale, string> = { en: 'en', fr: 'fr', fi: 'fi', zh: 'zh-Hans' };

export function isCustomerLocale(value: unknown): value is CustomerLocale {
  return typeof value === 'string' && (CUSTOMER_LOCALES as readonly string[]).includes(value);
}
