/**
 * CPU time used during a measurement, per role: the service's Node process, the PostgreSQL
 * processes of its server serving the bench's database plus that server's own
 * background processes, this process (the load generator), and the whole machine (/proc/stat),
 * so a figure can say which of the 2 cores' worth of work went where.
 */
import fs from 'node:fs';
import { Client } from 'pg';

const TICK = 100; // USER_HZ on Linux

function procTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** The PostgreSQL server (its postmaster) and the database a bench's service uses. */
export interface PostgresTarget {
  postmasterPid: number;
  database: string;
}

/** Asks the server for a backend's pid; the backend's parent is the postmaster. */
export async function postgresTargetOf(url: string): Promise<PostgresTarget> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return { postmasterPid: parentPid(rows[0].pid), database: databaseNameOf(url) };
  } finally {
    await client.end();
  }
}

function parentPid(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

const BACKGROUND = /(walwriter|wal writer|checkpointer|background writer|autovacuum launcher|logical replication launcher)/;

/**
 * The target server's processes only (children of its postmaster): its backends of the
 * database, and its background processes. Matching command lines alone counted the machine's
 * other server too (an embedded server's database is `postgres`, like every backend's user).
 */
function postgresPids(target: PostgresTarget): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const cmd = cmdline(pid);
    if (!cmd.startsWith('postgres:')) continue;
    let parent: number;
    try {
      parent = parentPid(pid);
    } catch {
      continue; // gone meanwhile
    }
    if (parent !== target.postmasterPid) continue;
    if (cmd.includes(` ${target.database} `) || BACKGROUND.test(cmd)) pids.push(pid);
  }
  return pids;
}

export interface CpuSample {
  seconds: number;
  /** Cores' worth of CPU (1.0 = one core fully busy). */
  app: number;
  postgres: number;
  loadGenerator: number;
  machine: number;
}

/** Starts counting now; the returned function answers the averages since. Backends that come and go in between are counted from a 0.5 s poll. */
export function measureCpu(appPid: number, target: PostgresTarget): () => CpuSample {
  const started = Date.now();
  const app0 = procTicks(appPid);
  const me0 = procTicks(process.pid);
  const m0 = machineTicks();
  const pgFirst = new Map<number, number>();
  const pgLast = new Map<number, number>();
  const scan = () => {
    for (const pid of postgresPids(target)) {
      const t = procTicks(pid);
      if (!pgFirst.has(pid)) pgFirst.set(pid, t);
      pgLast.set(pid, t);
    }
  };
  scan();
  const timer = setInterval(scan, 500);
  timer.unref();
  return () => {
    clearInterval(timer);
    scan();
    const seconds = (Date.now() - started) / 1000;
    let pg = 0;
    for (const [pid, last] of pgLast) pg += last - (pgFirst.get(pid) ?? last);
    const m1 = machineTicks();
    const cores = (ticks: number) => Math.round((ticks / TICK / seconds) * 100) / 100;
    return {
      seconds: Math.round(seconds * 10) / 10,
      app: cores(procTicks(appPid) - app0),
      postgres: cores(pg),
      loadGenerator: cores(procTicks(process.pid) - me0),
      machine: Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 2 * 100) / 100,
    };
  };
}

export const databaseNameOf = (url: string): string => new URL(url).pathname.slice(1) || 'postgres';
