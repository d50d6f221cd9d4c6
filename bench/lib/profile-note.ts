/** A few lines for docs/benchmarks.md from a .cpuprofile: where the busy time went. */
import { loadProfile, summarise } from './cpuprofile';

export function profileNote(file: string, title: string, top = 12): string {
  const s = summarise(loadProfile(file), top);
  const origins = s.byOrigin.map((o) => `${o.origin} ${o.percent} %`).join(', ');
  const functions = s.byFunction.slice(0, 8).map((f) => `\`${f.fn.replace(/`/g, '')}\` ${f.percent} %`).join(', ');
  return `${title}: busy ${s.busyPercent} % of ${fmt(s.totalMs / 1000)} s. Self time by origin: ${origins}. Top functions: ${functions}. (\`${file}\`)`;
}

const fmt = (n: number) => n.toFixed(1);
