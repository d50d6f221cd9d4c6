/**
 * Summarises a V8 .cpuprofile: self time by function and by origin (our code by folder, a
 * package in node_modules, node internals, GC, idle), the way the findings in
 * docs/benchmarks.md are read.
 *   node -r ./harness/register-ts.js bench/lib/cpuprofile.ts <file.cpuprofile> [top]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyPercent: number;
  byOrigin: Array<{ origin: string; ms: number; percent: number }>;
  byFunction: Array<{ fn: string; ms: number; percent: number }>;
  /** Inclusive time of frames whose name/url matches a few keys of interest. */
}

export function origin(url: string, fn: string): string {
  if (fn === '(idle)') return '(idle)';
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(program)') return '(program)';
  if (!url) return `(native) ${fn}`.trim();
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = /\/(apps|libs|projections|bench|test)\/(.*)$/.exec(url);
  if (m) {
    const parts = m[2].split('/');
    return `${m[1]}/${parts.slice(0, Math.min(parts.length - 1, m[1] === 'projections' ? 1 : 3)).join('/')}`;
  }
  return url;
}

/**
 * Self time per node. `weighting: 'samples'` (the default) counts samples, each worth the mean
 * interval: on a busy machine the main thread is often descheduled inside a syscall (a socket
 * write wakes PostgreSQL, which takes the core), and time-weighting charges that wait to the
 * syscall's frame (`writev`) as if it were CPU. Counting samples approximates CPU time.
 */
function selfTimes(profile: Profile, weighting: 'samples' | 'time'): Map<number, number> {
  const self = new Map<number, number>();
  const mean = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  for (let i = 0; i < profile.samples.length; i += 1) {
    const us = weighting === 'samples' ? mean : profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + us);
  }
  return self;
}

export function summarise(profile: Profile, top = 25, weighting: 'samples' | 'time' = 'samples'): ProfileSummary {
  const self = selfTimes(profile, weighting);
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const o = origin(url, functionName);
    if (o === '(idle)') idle += us;
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + us);
    const short = url ? `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/').replace(/^file:\/\//, '')}:${lineNumber + 1}` : functionName;
    byFunction.set(short, (byFunction.get(short) ?? 0) + us);
  }
  const busy = total - idle;
  const sorted = (m: Map<string, number>) => [...m].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: Math.round(total / 1000),
    busyPercent: Math.round((busy / total) * 100),
    byOrigin: sorted(byOrigin).map(([origin, us]) => ({ origin, ms: Math.round(us / 1000), percent: Math.round((us / busy) * 1000) / 10 })),
    byFunction: sorted(byFunction).map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), percent: Math.round((us / busy) * 1000) / 10 })),
  };
}

/** Coarse groups of origins, for "where does a command's CPU go". First match wins. */
export const GROUPS: Array<[string, RegExp]> = [
  ['garbage collection', /^\(gc\)$/],
  ['socket writes (kernel: loopback TCP to PostgreSQL and clients)', /^\(native\) (writev|writeBuffer|writeUtf8String|writeLatin1String)$/],
  ['request validation (class-validator, class-transformer)', /^(class-validator|class-transformer|validator|libphonenumber-js|apps\/api\/src\/orders|apps\/api\/src\/http)/],
  ['HTTP framework (Fastify, Nest, routing, body parsing)', /^(fastify|@fastify\/.*|@nestjs\/.*|find-my-way|secure-json-parse|reflect-metadata|light-my-request|avvio|rxjs|node:_http_\w+|node:http|iterare|fast-json-stringify|path-to-regexp)$/],
  ['logging (pino, pino-http)', /^(pino|pino-http|pino-std-serializers|@pinojs\/.*|nestjs-pino|sonic-boom|fast-redact|thread-stream)$/],
  ['metrics (prom-client)', /^(prom-client|tdigest|bintrees|apps\/api\/src\/metrics|libs\/observability.*)$/],
  ['PostgreSQL driver (pg)', /^(pg|pg-protocol|pg-pool|pg-types|postgres-\w+|packet-reader|buffer-writer)$/],
  ['hash chain (canonical JSON, SHA-256)', /^(libs\/audit.*|\(native\) (Hash|digest|update))$/],
  ['personal-data sealing (libs/privacy, AES)', /^(libs\/privacy.*|\(native\) (initiv|init|final|setAAD|getAuthTag|setAuthTag|RandomBytesJob|CipherBase))$/],
  ['command handler, domain, event store', /^(apps\/api\/src\/commands|apps\/api\/src\/infrastructure|apps\/api\/src\/idempotency|libs\/ordering.*|libs\/event-store.*)$/],
  ['projections (runtime and read models)', /^(projections\/.*|apps\/api\/src\/sla|apps\/projector.*)$/],
  ['Node runtime (streams, events, timers, microtasks)', /^(node:.*|\(native\) (runMicrotasks|dispatch|run)|\(program\))$/],
];

export function byGroup(s: ProfileSummary): Array<{ group: string; percent: number }> {
  const totals = new Map<string, number>();
  for (const o of s.byOrigin) {
    const group = GROUPS.find(([, re]) => re.test(o.origin))?.[0] ?? 'other';
    totals.set(group, (totals.get(group) ?? 0) + o.percent);
  }
  return [...totals].map(([group, percent]) => ({ group, percent: Math.round(percent * 10) / 10 })).sort((a, b) => b.percent - a.percent);
}

/** Inclusive (self + descendants) share of busy time for frames whose origin matches. */
export function inclusive(profile: Profile, match: (fn: string, url: string) => boolean): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    if (node?.callFrame.functionName === '(idle)') continue;
    busy += profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let hit = 0;
  for (const [id, us] of self) {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur) as Node;
      if (match(n.callFrame.functionName, n.callFrame.url)) {
        hit += us;
        break;
      }
    }
  }
  return Math.round((hit / busy) * 1000) / 10;
}

export function loadProfile(file: string): Profile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
}

if (require.main === module) {
  const [file, top, weighting] = process.argv.slice(2);
  const s = summarise(loadProfile(file), Number(top ?? 30), weighting === 'time' ? 'time' : 'samples');
  console.log(`total ${s.totalMs} ms sampled, busy ${s.busyPercent} %`);
  console.log('\nself time by origin (% of busy):');
  for (const o of s.byOrigin) console.log(`  ${String(o.percent).padStart(5)} %  ${o.origin}`);
  console.log('\nby group (% of busy):');
  for (const g of byGroup(summarise(loadProfile(file), 10_000, weighting === 'time' ? 'time' : 'samples'))) console.log(`  ${String(g.percent).padStart(5)} %  ${g.group}`);
  console.log('\nself time by function (% of busy):');
  for (const f of s.byFunction) console.log(`  ${String(f.percent).padStart(5)} %  ${f.fn}`);
}
