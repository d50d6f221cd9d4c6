/**
 * The real app, built by createApp as `npm start` builds it, in a process of its own for
 * bench/audit-history.ts (so the load generator does not share its event loop). Configured by
 * the environment; prints `LISTENING <url>`; stops on SIGTERM.
 */
import { loadConfig } from '@app/config';
import { createApp } from '@app/api/bootstrap';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`LISTENING ${await app.getUrl()}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
