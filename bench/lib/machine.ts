/** The machine a figure was measured on, and how busy it was: printed and written with every figure. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { Client } from 'pg';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(', ');
}

/** `uptime` as printed, for the logs (falls back to the load averages). */
export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8', timeout: 2_000 }).trim();
  } catch {
    return `load average: ${loadAverage()}`;
  }
}

export async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0].v.split(' ')[0];
  } finally {
    await client.end();
  }
}

/** A one-line summary: cores, memory, Node, date. */
export function machineLine(m = machine()): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`;
}

export const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
