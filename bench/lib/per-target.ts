/** The main of a bench that measures each target in turn and writes one section of docs/benchmarks.md. */
import type { Target } from './app';
import { list } from './args';
import { runMain } from './cleanup';
import { loadAverage } from './machine';
import { writeSection, type SectionId } from './report';

export interface PerTargetBench<R extends { target: Target; postgres: string }> {
  section: SectionId;
  title: string;
  /** The npm script, e.g. `bench:place`. */
  script: string;
  /** Comma-separated targets (the --targets argument). */
  targets: string;
  write: boolean;
  deadlineMs: number;
  measure(target: Target): Promise<R>;
  render(results: R[]): string;
  /** The machine-readable result kept in the section (read by the summary). */
  result(results: R[]): unknown;
}

export function runPerTarget<R extends { target: Target; postgres: string }>(bench: PerTargetBench<R>): void {
  runMain(async () => {
    const before = loadAverage();
    const results: R[] = [];
    for (const target of list(bench.targets) as Target[]) results.push(await bench.measure(target));
    const after = loadAverage();
    const body = bench.render(results);
    console.log(`\n${body}`);
    if (!bench.write) return;
    const args = process.argv.slice(2);
    writeSection(bench.section, {
      title: bench.title,
      command: `npm run ${bench.script}${args.length ? ` -- ${args.join(' ')}` : ''}`,
      body,
      postgres: Object.fromEntries(results.map((r) => [r.target, r.postgres])),
      load: { before, after },
      result: bench.result(results),
    });
  }, bench.deadlineMs);
}
