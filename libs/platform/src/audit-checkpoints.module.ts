import { Global, Logger, Module } from '@nestjs/common';
import { CheckpointStore, signingKeySource, type AuditSigningKey, type CheckpointAnchor } from '@app/audit';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';

/** The signed checkpoints of the event log and the key that signs and checks them (docs/auditing.md). */
export class AuditCheckpoints {
  constructor(readonly store: CheckpointStore, readonly key: AuditSigningKey | null) {}

  /** What the signed checkpoints say about a stream; null when no key is configured (nothing can be checked). */
  anchorsFor(streamId: string): Promise<CheckpointAnchor[] | null> {
    return this.key ? this.store.anchorsFor(streamId, this.key) : Promise.resolve(null);
  }
}

/** Global, imported by the API (verification) and by the projector (the signer): one instance per process. */
@Global()
@Module({
  providers: [
    {
      provide: AuditCheckpoints,
      useFactory: (config: AppConfig, pool: Pool) => {
        const { key, notice, warning } = signingKeySource(config);
        const logger = new Logger('audit');
        logger.log(notice);
        if (warning) logger.warn(warning);
        return new AuditCheckpoints(new CheckpointStore(pool), key);
      },
      inject: [APP_CONFIG, PG_POOL],
    },
  ],
  exports: [AuditCheckpoints],
})
export class AuditCheckpointsModule {}
