/** The "Summary" section: every figure against its target, read back from the generated sections. */
import { execFileSync } from 'node:child_process';
import { loadAverage, machineLine, now } from './machine';
import { fmt, readResults, replaceSection, table } from './report';

type Place = Array<{ target: string; maxSustained: number | null; saturation: number; saturationP99: number; p99AtMax: number | null }>;
type Mixed = Array<{ target: string; saturation: number; saturationP99: number; openRate: number; open: number; openP99: number; failed: number }>;
type Ceiling = Array<{ target: string; tiers: Array<{ tier: string; perSecond: number; p99: number }> }>;
type Lag = Array<{ target: string; rate: number; answered: number; idle: { p50: number; p99: number }; loaded: { p50: number; p99: number } }>;
type Projections = { events: number; eventsPerSecond: number; byProjection: Record<string, number>; rebuild1M: number; extrapolated: boolean };
type Finance = { worstP95c1: number; worstP95: number };
type Audit = { p99: number };

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', timeout: 5_000 }).trim();
  } catch {
    return '';
  }
}

const label = (t: string) => (t === 'embedded' ? 'embedded' : 'machine PG');
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

export function writeSummary(note = ''): void {
  const r = readResults();
  const rows: Array<Array<string | number>> = [];
  const place = r.place as Place | undefined;
  for (const p of place ?? []) {
    rows.push([`Place order, max sustained rate with p99 ≤ 50 ms (${label(p.target)})`, '≥ 1,500/s (stretch 2,500/s)', p.maxSustained ? `${fmt(p.maxSustained)}/s (p99 ${p.p99AtMax} ms)` : 'none of the tested rates', yes((p.maxSustained ?? 0) >= 1500)]);
    rows.push([`Place order, saturation throughput (${label(p.target)})`, '', `${fmt(p.saturation)}/s (p99 ${p.saturationP99} ms)`, '']);
  }
  const ceiling = r.ceiling as Ceiling | undefined;
  for (const c of ceiling ?? []) {
    const ours = place?.find((p) => p.target === c.target);
    const db = c.tiers[0];
    rows.push([`Database ceiling: ${db.tier} (${label(c.target)})`, '', `${fmt(db.perSecond)}/s${ours ? `; our saturation = ${Math.round((ours.saturation / db.perSecond) * 100)} % of it` : ''}`, '']);
  }
  const mixed = r.mixed as Mixed | undefined;
  for (const m of mixed ?? []) {
    rows.push([`Mixed lifecycle (${label(m.target)})`, 'commands/s and p99', `${fmt(m.saturation)}/s at saturation (p99 ${m.saturationP99} ms); p99 ${m.openP99} ms at ${fmt(m.open)}/s`, m.failed ? `${m.failed} failed` : '']);
  }
  const projections = r.projections as Projections | undefined;
  if (projections) {
    rows.push([`Projection catch-up, all read models (${fmt(projections.events)} events)`, '≥ 10,000 events/s', `${fmt(projections.eventsPerSecond)} events/s`, yes(projections.eventsPerSecond >= 10_000)]);
    rows.push(['Full rebuild of 1,000,000 events', '≤ 100 s', `${projections.rebuild1M} s${projections.extrapolated ? ' (extrapolated)' : ''}`, yes(projections.rebuild1M <= 100)]);
  }
  const lag = r.lag as Lag | undefined;
  for (const l of lag ?? []) rows.push([`Live lag under ${fmt(l.rate)}/s place order (${label(l.target)})`, 'p50 / p99 (no target)', `${l.loaded.p50} / ${l.loaded.p99} ms (idle ${l.idle.p50} / ${l.idle.p99} ms)`, '']);
  const finance = r.finance as Finance | undefined;
  if (finance) rows.push(['Refund report over 1,000,000 refunds, worst p95 (c=1)', '≤ 50 ms', `${finance.worstP95c1} ms`, yes(finance.worstP95c1 <= 50)]);
  const audit = r.audit as Audit | undefined;
  if (audit) rows.push(['History of a 100-event order, p99', '≤ 10 ms', `${audit.p99} ms`, yes(audit.p99 <= 10)]);

  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']).split('\n').filter(Boolean).length;
  const text = [
    '<!-- bench:summary -->',
    '## Summary',
    '',
    `${now()} · ${machineLine()} · commit ${commit || 'unknown'}${dirty ? ` with ${dirty} uncommitted path(s) in the tree` : ''} · load average now ${loadAverage()}. Each figure's own section below has its date, load and PostgreSQL versions.`,
    '',
    rows.length ? table(['figure', 'target', 'measured', 'met'], rows) : '_No figures yet: run `npm run bench`._',
    note ? `\n${note}` : '',
    '<!-- /bench:summary -->',
  ].join('\n');
  replaceSection('summary', text);
}
