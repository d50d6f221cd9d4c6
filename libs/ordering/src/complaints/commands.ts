/** After-sales complaints: the commands. */
import type { ComplaintCategory } from './events';

export interface OpenComplaint { type: 'OpenComplaint'; orderId: string; complaintId: string; category: ComplaintCategory; message: string }
export interface RespondToComplaint { type: 'RespondToComplaint'; orderId: string; complaintId: string; message: string }
export interface ResolveComplaint { type: 'ResolveComplaint'; orderId: string; complaintId: string; resolution: string }

/** The customer's answer to the follow-up call after a resolution; `satisfied: false` reopens the complaint. */
export interface GiveComplaintFeedback { type: 'GiveComplaintFeedback'; orderId: string; complaintId: string; satisfied: boolean; comment?: string }

export type ComplaintCommand = OpenComplaint | RespondToComplaint | ResolveComplaint | GiveComplaintFeedback;
