/** `--name value` / `--flag` arguments with defaults; unknown names are refused. */
export function parseArgs<T extends Record<string, string | number | boolean>>(argv: string[], defaults: T): T {
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(name in defaults)) throw new Error(`unknown option ${arg} (known: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')})`);
    const kind = typeof defaults[name];
    if (kind === 'boolean') {
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') {
        out[name] = next === 'true';
        i += 1;
      } else out[name] = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    i += 1;
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${arg} must be a number`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as T;
}

export const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
export const numbers = (value: string): number[] => list(value).map(Number);
