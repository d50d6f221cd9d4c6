/** Runs another bench script (TypeScript through the repo's register hook) as a child process: output streamed and kept, killed on cleanup or after `timeoutMs`. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './cleanup';

export const ROOT = path.resolve(__dirname, '../..');
const REGISTER = path.join(ROOT, 'harness/register-ts.js');

export interface ChildRun {
  code: number | null;
  output: string;
  timedOut: boolean;
  seconds: number;
}

export function runScript(script: string, args: string[], options: { env?: Record<string, string>; timeoutMs: number; prefix?: string }): Promise<ChildRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', REGISTER, path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      stream.write(options.prefix ? text.replace(/^(?=.)/gm, options.prefix) : text);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    // SIGINT first so the child cleans up what it started; SIGKILL if it does not go.
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    };
    const unregister = onCleanup(`child ${script}`, () => new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      stop();
    }));
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`${script}: time budget of ${Math.round(options.timeoutMs / 1000)} s used up; stopping it`);
      stop();
    }, options.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      unregister();
      resolve({ code, output, timedOut, seconds: Math.round((Date.now() - started) / 100) / 10 });
    });
  });
}
