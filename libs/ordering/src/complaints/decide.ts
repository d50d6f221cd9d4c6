/** After-sales complaints: open → responded (any number of times) → resolved. */
import { DomainError } from '../errors';
import type { OrderEvent } from '../events';
import type { ComplaintCommand, GiveComplaintFeedback, OpenComplaint, ResolveComplaint, RespondToComplaint } from './commands';
import type { OrderState } from '../state';
import { invalidTransition, requireComplaint } from '../guards';
import type { DecideHandlers } from '../handlers';
import { ORDER_LIMITS } from '../limits';

export function openComplaint(cmd: OpenComplaint, state: OrderState): OrderEvent[] {
  if (state.complaints.some((c) => c.complaintId === cmd.complaintId)) {
    throw new DomainError('complaint_already_exists', `Order ${state.orderId} already has complaint ${cmd.complaintId}`);
  }
  if (state.complaints.length >= ORDER_LIMITS.complaintsPerOrder) {
    throw new DomainError('complaint_limit_reached', `Order ${state.orderId} already has ${state.complaints.length} complaints, the most one order may hold.`);
  }
  return [{ type: 'ComplaintOpened', data: { complaintId: cmd.complaintId, category: cmd.category, message: cmd.message } }];
}

export function respondToComplaint(cmd: RespondToComplaint, state: OrderState): OrderEvent[] {
  const complaint = requireComplaint(state, cmd.complaintId);
  if (complaint.status === 'resolved') throw invalidTransition(`Complaint ${cmd.complaintId} is resolved`);
  if (complaint.responses >= ORDER_LIMITS.responsesPerComplaint) {
    throw new DomainError('complaint_response_limit_reached', `Complaint ${cmd.complaintId} already has ${complaint.responses} responses, the most one complaint may hold.`);
  }
  return [{ type: 'ComplaintResponded', data: { complaintId: cmd.complaintId, message: cmd.message } }];
}

export function resolveComplaint(cmd: ResolveComplaint, state: OrderState): OrderEvent[] {
  const complaint = requireComplaint(state, cmd.complaintId);
  if (complaint.status === 'resolved') throw invalidTransition(`Complaint ${cmd.complaintId} is already resolved`);
  return [{ type: 'ComplaintResolved', data: { complaintId: cmd.complaintId, resolution: cmd.resolution } }];
}

/**
 * Once per resolution: a complaint resolved again after a reopening may get feedback again.
 * Not satisfied reopens it, so a response is owed again (a fresh complaint_response timer).
 */
export function giveComplaintFeedback(cmd: GiveComplaintFeedback, state: OrderState): OrderEvent[] {
  const complaint = requireComplaint(state, cmd.complaintId);
  if (complaint.status !== 'resolved') {
    throw new DomainError('complaint_not_resolved', `Complaint ${cmd.complaintId} is ${complaint.status}: feedback follows a resolution`);
  }
  if (!complaint.awaitingFeedback) {
    throw new DomainError('feedback_already_given', `Complaint ${cmd.complaintId} already has feedback on its resolution`);
  }
  const given: OrderEvent = {
    type: 'ComplaintFeedbackGiven',
    data: { complaintId: cmd.complaintId, satisfied: cmd.satisfied, ...(cmd.comment !== undefined ? { comment: cmd.comment } : {}) },
  };
  return cmd.satisfied ? [given] : [given, { type: 'ComplaintReopened', data: { complaintId: cmd.complaintId } }];
}

/** This area's commands → their decisions (decide.ts joins every area's table). */
export const complaintDecisions: DecideHandlers<ComplaintCommand['type']> = {
  OpenComplaint: openComplaint,
  RespondToComplaint: respondToComplaint,
  ResolveComplaint: resolveComplaint,
  GiveComplaintFeedback: giveComplaintFeedback,
};
