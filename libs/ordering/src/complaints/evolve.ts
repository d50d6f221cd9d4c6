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
    }],
  };
}

export function complaintResponded(state: OrderState, event: OrderEventOf<'ComplaintResponded'>): OrderState {
  return updateComplaint(state, event.data.complaintId, (c) => ({ ...c, status: 'responded', responses: c.responses + 1 }));
}

export function complaintResolved(state: OrderState, event: OrderEventOf<'ComplaintResolved'>): OrderState {
  const d = event.data;
  return updateComplaint(state, d.complaintId, (c) => ({ ...c, status: 'resolved', resolution: d.resolution }));
}

/** This area's events → how each changes the state (evolve.ts joins every area's table). */
export const complaintEvolvers: EvolveHandlers<keyof typeof COMPLAINT_EVENTS> = {
  ComplaintOpened: complaintOpened,
  ComplaintResponded: complaintResponded,
  ComplaintResolved: complaintResolved,
};
