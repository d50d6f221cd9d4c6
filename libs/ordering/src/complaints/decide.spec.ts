import type { OrderCommand } from '../commands';
import { given } from '../testing/decider-spec';
import { ORDER_LIMITS } from '../limits';
import {
  ORDER_ID, cancelled, complaintFeedbackGiven, complaintOpened, complaintReopened, complaintResolved, complaintResponded, paidOrder, placed,
} from '../testing/fixtures';
import { stateOf } from '../testing/decider-spec';
import { toOrderView } from '../order-view';

const open = (complaintId: string): OrderCommand =>
  ({ type: 'OpenComplaint', orderId: ORDER_ID, complaintId, category: 'delivery', message: 'Late' });
const respond = (complaintId: string): OrderCommand => ({ type: 'RespondToComplaint', orderId: ORDER_ID, complaintId, message: 'Sorry' });
const resolve = (complaintId: string): OrderCommand => ({ type: 'ResolveComplaint', orderId: ORDER_ID, complaintId, resolution: 'voucher' });
const feedback = (complaintId: string, satisfied: boolean, comment?: string): OrderCommand =>
  ({ type: 'GiveComplaintFeedback', orderId: ORDER_ID, complaintId, satisfied, ...(comment !== undefined ? { comment } : {}) });

describe('complaints', () => {
  it('opens a complaint on any existing order, even an unpaid or cancelled one', () => {
    given(placed()).when(open('k-1')).then([complaintOpened('k-1')]);
    given(placed(), cancelled()).when(open('k-1')).then([complaintOpened('k-1')]);
  });
  it('refuses a complaintId already used: complaint_already_exists', () => {
    given(...paidOrder(), complaintOpened('k-1')).when(open('k-1')).thenError('complaint_already_exists');
  });
  it('responds to an open or responded complaint, any number of times', () => {
    given(...paidOrder(), complaintOpened('k-1')).when(respond('k-1')).then([complaintResponded('k-1')]);
    given(...paidOrder(), complaintOpened('k-1'), complaintResponded('k-1')).when(respond('k-1')).then([complaintResponded('k-1')]);
  });
  it('resolves an open or responded complaint', () => {
    given(...paidOrder(), complaintOpened('k-1')).when(resolve('k-1')).then([complaintResolved('k-1')]);
    given(...paidOrder(), complaintOpened('k-1'), complaintResponded('k-1')).when(resolve('k-1')).then([complaintResolved('k-1')]);
  });
  it('refuses to respond to or resolve a resolved complaint: invalid_state_transition', () => {
    const resolved = [...paidOrder(), complaintOpened('k-1'), complaintResolved('k-1')];
    given(...resolved).when(respond('k-1')).thenError('invalid_state_transition');
    given(...resolved).when(resolve('k-1')).thenError('invalid_state_transition');
  });
  it('refuses an unknown complaint: complaint_not_found', () => {
    given(...paidOrder()).when(respond('k-9')).thenError('complaint_not_found');
    given(...paidOrder()).when(resolve('k-9')).thenError('complaint_not_found');
  });
  it('limits what one order holds: complaints per order and responses per complaint (422)', () => {
    const complaints = Array.from({ length: ORDER_LIMITS.complaintsPerOrder }, (_, i) => complaintOpened(`k-${i}`));
    given(...paidOrder(), ...complaints.slice(1)).when(open('k-new')).then([complaintOpened('k-new')]);
    given(...paidOrder(), ...complaints).when(open('k-new')).thenError('complaint_limit_reached');
    const responses = Array.from({ length: ORDER_LIMITS.responsesPerComplaint }, () => complaintResponded('k-1'));
    given(...paidOrder(), complaintOpened('k-1'), ...responses.slice(1)).when(respond('k-1')).then([complaintResponded('k-1')]);
    given(...paidOrder(), complaintOpened('k-1'), ...responses).when(respond('k-1')).thenError('complaint_response_limit_reached');
    // Resolving is always possible: it ends the complaint.
    given(...paidOrder(), complaintOpened('k-1'), ...responses).when(resolve('k-1')).then([complaintResolved('k-1')]);
  });

  describe('feedback after a resolution', () => {
    const resolved = () => [...paidOrder(), complaintOpened('k-1'), complaintResolved('k-1')];

    it('records satisfied feedback, with or without a comment', () => {
      given(...resolved()).when(feedback('k-1', true)).then([complaintFeedbackGiven('k-1', true)]);
      given(...resolved()).when(feedback('k-1', true, 'Thanks')).then([complaintFeedbackGiven('k-1', true, 'Thanks')]);
    });
    it('reopens the complaint when the customer is not satisfied', () => {
      given(...resolved()).when(feedback('k-1', false, 'Still broken')).then([complaintFeedbackGiven('k-1', false, 'Still broken'), complaintReopened('k-1')]);
    });
    it('a reopened complaint is open again: it can be responded to and resolved, and then get feedback again', () => {
      const reopened = [...resolved(), complaintFeedbackGiven('k-1', false), complaintReopened('k-1')];
      given(...reopened).when(respond('k-1')).then([complaintResponded('k-1')]);
      given(...reopened).when(resolve('k-1')).then([complaintResolved('k-1')]);
      given(...reopened, complaintResolved('k-1')).when(feedback('k-1', true)).then([complaintFeedbackGiven('k-1', true)]);
    });
    it('refuses feedback on a complaint that is not resolved: complaint_not_resolved', () => {
      given(...paidOrder(), complaintOpened('k-1')).when(feedback('k-1', true)).thenError('complaint_not_resolved');
      given(...paidOrder(), complaintOpened('k-1'), complaintResponded('k-1')).when(feedback('k-1', true)).thenError('complaint_not_resolved');
      const reopened = [...resolved(), complaintFeedbackGiven('k-1', false), complaintReopened('k-1')];
      given(...reopened).when(feedback('k-1', false)).thenError('complaint_not_resolved');
    });
    it('refuses a second feedback on the same resolution: feedback_already_given', () => {
      given(...resolved(), complaintFeedbackGiven('k-1', true)).when(feedback('k-1', true)).thenError('feedback_already_given');
      given(...resolved(), complaintFeedbackGiven('k-1', true)).when(feedback('k-1', false)).thenError('feedback_already_given');
    });
    it('refuses an unknown complaint: complaint_not_found', () => {
      given(...paidOrder()).when(feedback('k-9', true)).thenError('complaint_not_found');
    });
    it('shows the last feedback and how often it was reopened in the order view, never the comment', () => {
      const before = toOrderView(stateOf(...resolved()));
      expect(before.complaints).toEqual([{ complaintId: 'k-1', status: 'resolved', feedback: null, reopenedCount: 0 }]);
      const reopened = stateOf(...resolved(), complaintFeedbackGiven('k-1', false, 'Still broken'), complaintReopened('k-1'));
      expect(toOrderView(reopened).complaints).toEqual([
        { complaintId: 'k-1', status: 'open', feedback: { satisfied: false, at: expect.any(String) }, reopenedCount: 1 },
      ]);
      expect(JSON.stringify(toOrderView(reopened))).not.toContain('Still broken');
    });
  });
});
