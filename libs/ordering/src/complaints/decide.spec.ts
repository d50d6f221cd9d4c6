import type { OrderCommand } from '../commands';
import { given } from '../testing/decider-spec';
import { ORDER_LIMITS } from '../limits';
import { ORDER_ID, cancelled, complaintOpened, complaintResolved, complaintResponded, paidOrder, placed } from '../testing/fixtures';

const open = (complaintId: string): OrderCommand =>
  ({ type: 'OpenComplaint', orderId: ORDER_ID, complaintId, category: 'delivery', message: 'Late' });
const respond = (complaintId: string): OrderCommand => ({ type: 'RespondToComplaint', orderId: ORDER_ID, complaintId, message: 'Sorry' });
const resolve = (complaintId: string): OrderCommand => ({ type: 'ResolveComplaint', orderId: ORDER_ID, complaintId, resolution: 'voucher' });

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
});
