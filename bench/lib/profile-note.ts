/** A few lines for docs/benchmarks.md from a .cpuprofile: where the busy time went. */
import { byGroup, loadProfile, summarise } from './cpuprofile';

export function profileNote(file: string, title: string, top = 12, msPerCommand?: number): string {
  const s = summarise(loadProfile(file), top);
  const groups = byGroup(summarise(loadProfile(file), 10_000)).map((g) => `${g.group} ${g.percent} %${msPerCommand ? ` (${Math.round((g.percent / 100) * msPerCommand * 1000)} µs)` : ''}`).join('; ');
  const origins = s.byOrigin.map((o) => `${o.origin} ${o.percent} %`).join(', ');
  const functions = s.byFunction.slice(0, 8).map((f) => `\`${f.fn.replace(/`/g, '')}\` ${f.percent} %`).join(', ');
  return `${title}: busy ${s.busyPercent} % of ${fmt(s.totalMs / 1000)} s.\n\n- By group${msPerCommand ? `, and per command at ${msPerCommand} ms of service CPU each` : ''}: ${groups}.\n- Self time by origin: ${origins}.\n- Top functions: ${functions}. (\`${file}\`)`;
}

const fmt = (n: number) => n.toFixed(1);
