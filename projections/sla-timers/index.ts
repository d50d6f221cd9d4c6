export {
  createSlaTimersProjection, SLA_TIMERS, SLA_TIMERS_LIVE_SCHEMA, SLA_TIMERS_TABLE,
} from './sla-timers.projection';
export type { SlaTimersOptions } from './sla-timers.projection';
export { slaTimersDdl } from './sla-timers.ddl';
export { slaTimersProjectionFromConfig } from './sla-timers-from-config';
export { SLA_ACTIONS_TABLE, slaActionsMigrations, recordAction, type SlaAction } from './sla-actions';
