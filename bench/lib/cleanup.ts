/**
 * Everything a bench starts (child processes, databases, temp directories) registers its undo
 * here; it runs on normal exit, on failure and on SIGINT/SIGTERM, newest first, once.
 */
type Undo = () => Promise<void> | void;

const undos: Array<{ name: string; undo: Undo }> = [];
let installed = false;
let running: Promise<void> | null = null;

export function onCleanup(name: string, undo: Undo): () => void {
  install();
  const entry = { name, undo };
  undos.push(entry);
  return () => {
    const i = undos.indexOf(entry);
    if (i >= 0) undos.splice(i, 1);
  };
}

export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (undos.length) {
      const { name, undo } = undos.pop() as { name: string; undo: Undo };
      try {
        await withTimeout(Promise.resolve(undo()), 20_000);
      } catch (error) {
        console.error(`cleanup ${name}: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Runs a bench's main: cleanup on success and on failure, exit code 1 on failure, a hard deadline. */
export function runMain(main: () => Promise<void>, deadlineMs: number): void {
  const deadline = setTimeout(() => {
    console.error(`bench: deadline of ${Math.round(deadlineMs / 1000)} s reached; stopping`);
    void cleanupAll().finally(() => process.exit(1));
  }, deadlineMs);
  deadline.unref();
  main()
    .then(() => cleanupAll())
    .then(() => {
      clearTimeout(deadline);
      // Keep-alive agents or pools left by a library must not keep us alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    })
    .catch(async (error: unknown) => {
      console.error(error);
      await cleanupAll();
      process.exit(1);
    });
}
