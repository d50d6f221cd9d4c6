import Negotiator from 'negotiator';
import { CUSTOMER_LOCALES, type CustomerLocale } from '@app/ordering';
import { isCustomerLocale } from './messages';

/**
 * The page's language: `?lang=` (the reader chose it on the page), then the browser's
 * Accept-Language (best supported match, regional variants included: fr-CA is fr), then the
 * language the order was placed in, then English.
 */
export function pageLocale(lang: unknown, acceptLanguage: string | undefined, orderLocale: CustomerLocale | undefined): CustomerLocale {
  if (isCustomerLocale(lang)) return lang;
  if (acceptLanguage) {
    const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages([...CUSTOMER_LOCALES]);
    if (isCustomerLocale(best)) return best;
  }
  return orderLocale ?? 'en';
}
