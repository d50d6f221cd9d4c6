import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CheckpointSigner } from '@app/audit';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@app/config';
import { type EventStore } from '@app/event-store';
import { AuditCheckpoints } from '@app/platform';
import { PG_POOL } from '@app/database';
import { RAW_EVENT_STORE } from '@app/event-store';
import type { Pool } from 'pg';

/**
 * Signs a checkpoint of the event log every AUDIT_CHECKPOINT_MS (docs/auditing.md). Runs in every
 * projector process; the signer's advisory lock lets one sign at a time. Without a key: nothing.
 */
@Injectable()
export class CheckpointSignerService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly signer: CheckpointSigner | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('audit-checkpoints');

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(RAW_EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    checkpoints: AuditCheckpoints,
  ) {
    this.signer = checkpoints.key ? new CheckpointSigner(pool, store, checkpoints.store, checkpoints.key, () => clock.now()) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.signer) return;
    this.timer = setInterval(() => void this.signNow(), this.config.auditCheckpointMs);
    this.timer.unref();
  }

  /** Signs what is new now (also what the timer calls); one pass at a time in this process. */
  signNow(): Promise<number> {
    const pass = this.running.then(() => this.signer?.catchUp() ?? 0).catch((error: unknown) => {
      this.logger.error(`signing a checkpoint failed (retried next period): ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });
    this.running = pass;
    return pass;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
