/**
 * What a token may do, learnt from the API itself: one harmless GET per area, read for 403 or
 * not. The console never keeps its own copy of the access rules, so it shows exactly what the
 * API would answer (libs/auth and each controller's @Roles decide).
 */
import { ApiError, statusOf } from './api';

export interface Access {
  /** Derived for display only. */
  role: 'admin' | 'finance' | 'auditor' | 'service';
  /** GET /orders and /orders/{id} */
  orders: boolean;
  /** GET /orders/{id}/events */
  events: boolean;
  /** GET /orders/{id}/state and /verify */
  audit: boolean;
  /** GET /reports/refunds/* */
  finance: boolean;
  /** GET /admin/projections */
  admin: boolean;
}

/** Valid id that no order has: an allowed role gets 404, another 403 (the guard answers first). */
const PROBE_ORDER = 'console-access-check';

export async function learnAccess(token: string): Promise<Access> {
  // Every role may read SLA timers: this is the check that the token is valid at all.
  const first = await statusOf('/sla/timers?limit=1', token);
  if (first === 401) throw new ApiError(401, 'unauthenticated', 'This token is not valid.');
  if (first !== 200 && first !== 403) throw new ApiError(first, 'unavailable', `The service answered ${first}; try again.`);
  const allowed = async (path: string) => {
    const status = await statusOf(path, token);
    if (status === 401) throw new ApiError(401, 'unauthenticated', 'This token is not valid.');
    return status !== 403;
  };
  const [orders, events, audit, finance, admin] = await Promise.all([
    allowed('/orders?limit=1'),
    allowed(`/orders/${PROBE_ORDER}/events`),
    allowed(`/orders/${PROBE_ORDER}/verify`),
    allowed('/reports/refunds/outstanding'),
    allowed('/admin/projections'),
  ]);
  const role = admin ? 'admin' : finance ? 'finance' : audit ? 'auditor' : 'service';
  return { role, orders, events, audit, finance, admin };
}
