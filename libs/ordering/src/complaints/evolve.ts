import type { OrderEventOf } from '../events';
import type { ComplaintState, OrderState } from '../state';
import type { EvolveHandlers } from '../handlers';
import type { COMPLAINT_EVENTS } from './events';

function updateComplaint(state: OrderState, complaintId: string, change: (c: ComplaintState) => ComplaintState): OrderState {
  return { ...state, complaints: state.complaints.map((c) => (c.complaintId === complaintId ? change(c) : c)) };
}

export function complaintOpened(state: OrderState, event: OrderEventOf<'ComplaintOpened'>, occurredAt: string): OrderState {
  const d = event.data;
  return {
    ...state,
    complaints: [...state.complaints, {
      complaintId: d.complaintId, category: d.category, status: 'open', message: d.message, openedAt: occurredAt, responses: 0,
      awaitingFeedback: false, reopenedCount: 0,
    }],
  };
}

export function complaintResponded(state: OrderState, event: OrderEventOf<'ComplaintResponded'>): OrderState {
  return updateComplaint(state, event.data.complaintId, (c) => ({ ...c, status: 'responded', responses: c.responses + 1 }));
}

export function complaintResolved(state: OrderState, event: OrderEventOf<'ComplaintResolved'>): OrderState {
  const d = event.data;
  return updateComplaint(state, d.complaintId, (c) => ({ ...c, status: 'resolved', resolution: d.resolution, awaitingFeedback: true }));
}

export function complaintFeedbackGiven(state: OrderState, event: OrderEventOf<'ComplaintFeedbackGiven'>, occurredAt: string): OrderState {
  const d = event.data;
  const feedback = { satisfied: d.satisfied, at: occurredAt, ...(d.comment !== undefined ? { comment: d.comment } : {}) };
  return updateComplaint(state, d.complaintId, (c) => ({ ...c, feedback, awaitingFeedback: false }));
}

export function complaintReopened(state: OrderState, event: OrderEventOf<'ComplaintReopened'>): OrderState {
  return updateComplaint(state, event.data.complaintId, (c) => ({ ...c, status: 'open', reopenedCount: c.reopenedCount + 1 }));
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const complaintEvolvers: EvolveHandlers<keyof typeof COMPLAINT_EVENTS> = {
  ComplaintOpened: complaintOpened,
  ComplaintResponded: complaintResponded,
  ComplaintResolved: complaintResolved,
  ComplaintFeedbackGiven: complaintFeedbackGiven,
  ComplaintReopened: complaintReopened,
};
