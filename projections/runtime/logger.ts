/** What the runtime logs through; Nest's Logger and `console` both fit. */
export interface RuntimeLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_LOGGER: RuntimeLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
