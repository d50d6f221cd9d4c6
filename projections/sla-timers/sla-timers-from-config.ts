import type { AppConfig } from '@app/config';
import { calendarFromConfig, policyFromConfig } from '@app/platform';
import type { Projection } from '../runtime/projection';
import { createSlaTimersProjection } from './sla-timers.projection';

/**
 * The sla-timers projection as configured. Every place that runs or rebuilds it (the projector,
 * POST /admin/projections/sla-timers/rebuild, the rebuild CLI) must use this one, not a copy
 * built with the defaults: timers that start during a rebuild would get other deadlines.
 */
export function slaTimersProjectionFromConfig(config: Pick<AppConfig, 'slaDurations' | 'warrantyDays' | 'holidays' | 'businessTimeZone'>): Projection {
  return createSlaTimersProjection({ policy: policyFromConfig(config), calendar: calendarFromConfig(config) });
}
