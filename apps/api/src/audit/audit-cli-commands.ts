import type { Logger } from 'pino';
import { checkCheckpointLog } from '@app/audit';
import { NotFoundError } from '@app/ordering';
import type { AuditCommand } from './audit-cli-args';
import type { AuditStores } from './audit-cli-runtime';
import { OrderAudit } from './order-audit';
import { formatDuration, formatProgress, ProgressMeter } from './progress';
import { verifyAllOrders } from './verify-all';

export const EXIT = { ok: 0, broken: 1, usage: 2, notFound: 3, failed: 4 } as const;

export interface CommandIo {
  out: (text: string) => Promise<void>;
  err: (text: string) => void;
  log: Logger;
}

/** Runs one parsed command; answers the exit code. Domain errors (not found, beyond head) propagate. */
export async function executeAuditCommand(command: AuditCommand, stores: AuditStores, io: CommandIo): Promise<number> {
  const audit = new OrderAudit(stores);
  switch (command.name) {
    case 'history': {
      const history = await audit.historyIfExists(command.orderId);
      if (!history) throw new NotFoundError('order_not_found', `Order ${command.orderId} does not exist.`);
      let events = 0;
      for await (const event of history) {
        await io.out(`${JSON.stringify(event)}\n`);
        events += 1;
      }
      io.log.info({ orderId: command.orderId, events }, 'history written');
      return EXIT.ok;
    }
    case 'state': {
      const view = await audit.stateAt(command.orderId, command.when);
      await io.out(`${JSON.stringify(view, null, 2)}\n`);
      io.log.info({ orderId: command.orderId, revision: view.revision }, 'state written');
      return EXIT.ok;
    }
    case 'verify': {
      const result = await audit.verify(command.orderId);
      await io.out(`${JSON.stringify(result)}\n`);
      if (result.valid) {
        io.log.info(result, 'chain valid');
        return EXIT.ok;
      }
      io.err(`order ${command.orderId}: the stored history was altered: first invalid revision ${result.firstInvalidRevision}\n`);
      io.log.error(result, 'chain broken');
      return EXIT.broken;
    }
    case 'verify-all':
      return verifyAll(stores, command, io);
    case 'checkpoints':
      return exportCheckpoints(stores, io);
  }
}

/** NDJSON of every signed checkpoint on stdout, each checked; problems on stderr and in the run log. */
async function exportCheckpoints(stores: AuditStores, io: CommandIo): Promise<number> {
  const { key, store } = stores.checkpoints;
  if (!key) {
    io.err('no signing key: set AUDIT_SIGNING_KEY (or run on the embedded default\'s DATA_DIR): checkpoints cannot be checked\n');
    return EXIT.failed;
  }
  io.err(`checking with public key ${key.publicKeyBase64} (key id ${key.keyId})\n`);
  const result = await checkCheckpointLog(store, key, {
    checkpoint: (c) => io.out(`${JSON.stringify(c)}\n`),
    problem: (sequence, problem) => {
      io.err(`checkpoint ${sequence}: ${problem}\n`);
      io.log.error({ sequence, problem }, 'checkpoint broken');
    },
  });
  io.log[result.problems ? 'error' : 'info']({ ...result, keyId: key.keyId, publicKey: key.publicKeyBase64 }, 'checkpoints exported');
  return result.problems ? EXIT.broken : EXIT.ok;
}

async function verifyAll(stores: AuditStores, command: Extract<AuditCommand, { name: 'verify-all' }>, io: CommandIo): Promise<number> {
  const meter = new ProgressMeter(command.progressEverySeconds * 1000);
  // For the ETA only. On EventStoreDB counting is a second scan of $all: not worth it.
  if (stores.stored.name === 'postgres') {
    stores.stored.countAfter(null).then((n) => (meter.totalEvents = n), () => undefined);
  }
  const result = await verifyAllOrders(stores.stored, {
    concurrency: command.concurrency,
    checkpoints: stores.checkpoints,
    onBroken: (b) => {
      io.out(`broken ${b.streamId}: ${b.reason}\n`).catch(() => undefined); // a closed stdout ends the run below
      io.log.error({ streamId: b.streamId, orderId: b.orderId, ...b.verification }, 'chain broken');
    },
    onStream: ({ streams, events }) => {
      const progress = meter.tick(streams, events);
      if (!progress) return;
      io.err(`${formatProgress(progress)}\n`);
      io.log.info(progress, 'verify --all progress');
    },
  });
  const done = meter.snapshot(result.streams, result.events);
  const summary = `verified ${result.streams} order streams, ${result.events} events in ${formatDuration(done.elapsedMs / 1000)} `
    + `(${done.eventsPerSecond} events/s): ${result.broken.length === 0 ? 'none broken' : `${result.broken.length} broken`}`;
  await io.out(`${summary}\n`);
  io.log[result.broken.length ? 'error' : 'info']({ ...done, broken: result.broken.map((b) => b.streamId) }, 'verify --all finished');
  return result.broken.length ? EXIT.broken : EXIT.ok;
}
