/** Money is integer minor units of its currency (the API's rule): shown with the currency's own decimals. */
export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  try {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

/** Times as the API gives them (UTC), shortened for reading; the full value stays in `title`. */
export function time(iso: string | undefined | null): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export const shortHash = (hash: unknown): string => (typeof hash === 'string' ? `${hash.slice(0, 10)}…` : '—');

export const today = (): string => new Date().toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
