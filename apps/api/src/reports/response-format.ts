/**
 * JSON or CSV for a report: `format=csv|json` wins; otherwise the Accept header, by q-value, and
 * JSON when it names neither (including no Accept, or *\/*).
 */
export type ReportFormat = 'json' | 'csv';

const MEDIA: Record<string, ReportFormat> = { 'text/csv': 'csv', 'application/json': 'json' };

export function reportFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  if (!accept) return 'json';
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.map((p) => /^q=([0-9.]+)$/.exec(p)).find(Boolean);
      return { type, q: q ? Number(q[1]) : 1, index };
    })
    .filter((m) => m.type in MEDIA && m.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.length ? MEDIA[ranked[0].type] : 'json';
}
