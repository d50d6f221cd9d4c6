import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';
import { PROJECTION_STATUS, type ProjectionHealth, type ProjectionStatusSource } from '@app/projections/nest';
import { SubscriptionStore } from '@app/projections/outbound';

/** A probe that hangs (a server gone silent) must not hang /health: orchestrators time out first. */
const PROBE_TIMEOUT_MS = 2_000;

/** The store answers a ping (PostgreSQL `events` table or EventStoreDB). */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Down with the reason (unreachable, timed out, credentials refused) for /health's eventStoreError. */
  async isHealthy(key: string) {
    const check = this.indicators.check(key);
    try {
      await withTimeout(this.store.ping());
      return check.up();
    } catch (error) {
      return check.down({ reason: error instanceof Error && error.message !== 'timeout' ? error.message : `no answer within ${PROBE_TIMEOUT_MS} ms` });
    }
  }
}

/** The read-model database answers `SELECT 1` through the pool the reads use. */
@Injectable()
export class ReadModelsHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService, @Inject(PG_POOL) private readonly pool: Pool) {}

  async isHealthy(key: string) {
    const check = this.indicators.check(key);
    return (await succeeds(this.pool.query('SELECT 1'))) ? check.up() : check.down();
  }
}

/**
 * Each projection's state, position and lag from the checkpoint table. A failed projection makes
 * this indicator `down`, which /health reports as "degraded": reads are stale, writes still work.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService, @Inject(PROJECTION_STATUS) private readonly source: ProjectionStatusSource) {}

  async isHealthy(key: string) {
    const check = this.indicators.check(key);
    let byName: Record<string, ProjectionHealth>;
    try {
      byName = await withTimeout(this.source.status());
    } catch {
      return check.down({ byName: {} });
    }
    const failed = Object.keys(byName).filter((name) => byName[name].state === 'failed');
    return failed.length ? check.down({ byName, failed }) : check.up({ byName });
  }
}

/**
 * Subscriptions holding dead letters (docs/outbound.md). Shown, never a reason to degrade: a
 * receiver's outage is not ours, and nothing is lost (they are replayable).
 */
@Injectable()
export class OutboundHealthIndicator {
  private readonly subscriptions: SubscriptionStore;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.subscriptions = new SubscriptionStore(pool);
  }

  failing(): Promise<string[]> {
    return withTimeout(this.subscriptions.failing()).catch(() => []);
  }
}

async function succeeds(work: Promise<unknown>): Promise<boolean> {
  try {
    await withTimeout(work);
    return true;
  } catch {
    return false;
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
