/**
 * One batch of one order's events, folded into the rows of the after-sales read model. Pure: the
 * apply loads what the batch continues from and writes back what this answers
 * (after-sales.projection.ts), so the rules are unit-tested alone.
 */
import type { RecordedEvent } from '@app/event-store';
import { occurredAtOf, toDomainEvent } from '@app/order-fold';
import { timerIdOf, type BusinessCalendar, type OrderEvent } from '@app/ordering';
import { businessDaysBetween, businessMsBetween } from './business-time';

/** An order as far as this model knows it: its lines' categories (lineId → category). */
export interface OrderRow {
  order_id: string;
  revision: number;
  lines: Record<string, string>;
}

export interface ComplaintEventRow {
  order_id: string;
  revision: number;
  complaint_id: string;
  kind: 'opened' | 'resolved' | 'reopened' | 'feedback';
  at: string;
  category: string;
  satisfied: boolean | null;
}

export interface ResponseRow {
  timer_id: string;
  order_id: string;
  complaint_id: string;
  started_at: string;
  category: string;
  responded_at: string | null;
  business_ms: number | null;
}

export interface ReturnRow {
  order_id: string;
  return_id: string;
  requested_at: string;
  category: string;
  reason: string;
  resolution: string;
  received_at: string | null;
  repaired_at: string | null;
  repair_business_days: number | null;
}

/** Where an order's fold continues from: its row (absent before OrderPlaced) and its unfinished rows. */
export interface OrderStart {
  order: OrderRow | undefined;
  /** Responses not answered yet. */
  openResponses: ResponseRow[];
  /** Returns not repaired yet. */
  returns: ReturnRow[];
}

/** What to write for the order. Rows are the whole new row (upserts), complaint events inserts. */
export interface OrderWrites {
  order: OrderRow | undefined;
  complaintEvents: ComplaintEventRow[];
  responses: ResponseRow[];
  returns: ReturnRow[];
}

/** The events this model reads; any other event changes nothing here. */
const READS = new Set([
  'OrderPlaced', 'OrderEdited', 'ComplaintOpened', 'ComplaintResponded', 'ComplaintResolved', 'ComplaintFeedbackGiven',
  'ComplaintReopened', 'ReturnRequested', 'ReturnReceived', 'RepairCompleted',
]);

/** The category of what concerns several lines: theirs when they share one, else `mixed`. */
export const MIXED_CATEGORY = 'mixed';

export function categoryOf(lines: Record<string, string>, lineIds: readonly string[]): string {
  const categories = new Set(lineIds.map((id) => lines[id]));
  if (categories.has(undefined as unknown as string)) throw new Error(`after-sales-report: a line among ${lineIds.join(', ')} is unknown`);
  return categories.size === 1 ? [...categories][0] : MIXED_CATEGORY;
}

export function foldOrderEvents(orderId: string, start: OrderStart, events: readonly RecordedEvent[], calendar: BusinessCalendar): OrderWrites {
  let order = start.order ? { ...start.order, lines: { ...start.order.lines } } : undefined;
  const open = new Map(start.openResponses.map((r) => [r.complaint_id, { ...r }]));
  const returns = new Map(start.returns.map((r) => [r.return_id, { ...r }]));
  const touchedResponses = new Map<string, ResponseRow>();
  const touchedReturns = new Set<string>();
  const complaintEvents: ComplaintEventRow[] = [];
  let changed = false;

  for (const recorded of events) {
    if (!READS.has(recorded.type)) continue;
    if (order && recorded.revision <= order.revision) continue; // applied before (a replayed batch)
    const event = toDomainEvent(recorded);
    const at = new Date(occurredAtOf(recorded)).toISOString();
    if (event.type === 'OrderPlaced') {
      order = { order_id: orderId, revision: recorded.revision, lines: Object.fromEntries(event.data.lines.map((l) => [l.lineId, l.category])) };
      changed = true;
      continue;
    }
    if (!order) throw new Error(`after-sales-report: ${recorded.type} ${recorded.eventId} of order ${orderId} comes before its OrderPlaced`);
    order.revision = recorded.revision;
    changed = true;
    const orderCategory = () => categoryOf(order!.lines, Object.keys(order!.lines));
    apply(event);

    function apply(e: OrderEvent): void {
      switch (e.type) {
        case 'OrderEdited':
          for (const change of e.data.changes) {
            if (change.op === 'add_line' || change.op === 'replace_line') order!.lines[change.line.lineId] = change.line.category;
          }
          return;
        case 'ComplaintOpened':
        case 'ComplaintReopened': {
          const { complaintId } = e.data;
          const category = orderCategory();
          complaintEvents.push(complaintEvent(complaintId, e.type === 'ComplaintOpened' ? 'opened' : 'reopened', category));
          // The sla-timers projection starts a complaint_response timer on each (timer ids: timerIdOf).
          const row: ResponseRow = {
            timer_id: timerIdOf(orderId, 'complaint_response', complaintId, recorded.revision), order_id: orderId,
            complaint_id: complaintId, started_at: at, category, responded_at: null, business_ms: null,
          };
          open.set(complaintId, row);
          touchedResponses.set(row.timer_id, row);
          return;
        }
        case 'ComplaintResponded':
        case 'ComplaintResolved': {
          // The first answer after an opening stops its response timer; later ones change nothing here.
          const row = open.get(e.data.complaintId);
          if (row) {
            row.responded_at = at;
            row.business_ms = businessMsBetween(calendar, new Date(row.started_at), new Date(at));
            open.delete(e.data.complaintId);
            touchedResponses.set(row.timer_id, row);
          }
          if (e.type === 'ComplaintResolved') complaintEvents.push(complaintEvent(e.data.complaintId, 'resolved', orderCategory()));
          return;
        }
        case 'ComplaintFeedbackGiven':
          complaintEvents.push({ ...complaintEvent(e.data.complaintId, 'feedback', orderCategory()), satisfied: e.data.satisfied });
          return;
        case 'ReturnRequested': {
          const { returnId, reason, resolution } = e.data;
          returns.set(returnId, {
            order_id: orderId, return_id: returnId, requested_at: at, category: categoryOf(order!.lines, e.data.lines.map((l) => l.lineId)),
            reason, resolution, received_at: null, repaired_at: null, repair_business_days: null,
          });
          // The products an exchange offers become lines of the order once it is priced; known
          // from the request on, so a later return or complaint about them finds their category.
          for (const line of e.data.exchangeFor ?? []) order!.lines[line.lineId] = line.category;
          touchedReturns.add(returnId);
          return;
        }
        case 'ReturnReceived':
          returnOf(e.data.returnId).received_at = at;
          touchedReturns.add(e.data.returnId);
          return;
        case 'RepairCompleted': {
          const row = returnOf(e.data.returnId);
          if (row.received_at === null) throw new Error(`after-sales-report: return ${e.data.returnId} of order ${orderId} was repaired before it was received`);
          row.repaired_at = at;
          row.repair_business_days = businessDaysBetween(calendar, new Date(row.received_at), new Date(at));
          touchedReturns.add(e.data.returnId);
          return;
        }
        default:
      }
    }

    function complaintEvent(complaintId: string, kind: ComplaintEventRow['kind'], category: string): ComplaintEventRow {
      return { order_id: orderId, revision: recorded.revision, complaint_id: complaintId, kind, at, category, satisfied: null };
    }

    function returnOf(returnId: string): ReturnRow {
      const row = returns.get(returnId);
      if (!row) throw new Error(`after-sales-report: return ${returnId} of order ${orderId} is unknown at ${recorded.type} ${recorded.eventId}`);
      return row;
    }
  }

  return {
    order: changed ? order : undefined,
    complaintEvents,
    responses: [...touchedResponses.values()],
    returns: [...touchedReturns].map((id) => returns.get(id)!),
  };
}
