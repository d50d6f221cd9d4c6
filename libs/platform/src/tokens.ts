/**
 * The order policy and business calendar as configured (policy-from-config.ts): the decider, the
 * sla-timers projection and the scheduler judge time by the same rules.
 */
export const ORDER_POLICY = Symbol('ORDER_POLICY');
export const BUSINESS_CALENDAR = Symbol('BUSINESS_CALENDAR');
