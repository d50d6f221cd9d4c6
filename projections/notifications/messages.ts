/**
 * The emails' words (docs/notifications.md "Languages"): one catalogue per customer language
 * (messages/*.json, English's shape the type every catalogue is held to; a spec checks the
 * keys and placeholders) and the staff alerts' own, in English (messages/staff.json).
 */
import type { CustomerLocale } from '@app/ordering';
import en from './messages/en.json';
import fi from './messages/fi.json';
import fr from './messages/fr.json';
import zh from './messages/zh.json';
import staff from './messages/staff.json';

export type EmailMessages = typeof en;

export const EMAIL_CATALOGUES: Record<CustomerLocale, EmailMessages> = { en, fr, fi, zh };

export const STAFF_MESSAGES = staff;

/** The HTML part's `lang` attribute. */
export const EMAIL_LANG: Record<CustomerLocale, string> = { en: 'en', fr: 'fr', fi: 'fi', zh: 'zh-Hans' };

/** A reason the catalogue names, else its "other" text (a caller-given reason is free text). */
export function reasonText<T extends { other: string }>(texts: T, reason: string): string {
  return Object.prototype.hasOwnProperty.call(texts, reason) ? (texts as unknown as Record<string, string>)[reason] : texts.other;
}
