/**
 * Which webhook URLs are acceptable: http(s) only, no credentials in the URL, and, when
 * WEBHOOK_ALLOWED_HOSTS is set, a host on that list (`*.example.com` matches any subdomain).
 * Checked when a subscription is created and again before every attempt (the list may have
 * shrunk since).
 */
export function webhookUrlProblem(raw: string, allowedHosts: readonly string[] | undefined): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an absolute http(s) URL';
  if (url.username || url.password) return 'must not hold credentials';
  if (allowedHosts && !hostAllowed(url.hostname.toLowerCase(), allowedHosts)) return `host ${url.hostname} is not in WEBHOOK_ALLOWED_HOSTS`;
  return null;
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry));
}
