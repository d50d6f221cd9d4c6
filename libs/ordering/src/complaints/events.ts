/** After-sales complaints: the events (docs/events.md). */
import { eventType } from '../event-type';

export type ComplaintCategory = 'delivery' | 'quality' | 'service' | 'billing' | 'other';

export interface ComplaintOpened { complaintId: string; category: ComplaintCategory; message: string }
export interface ComplaintResponded { complaintId: string; message: string }
export interface ComplaintResolved { complaintId: string; resolution: string }

/** `comment` is free text: personal (libs/privacy personal-fields). */
export interface ComplaintFeedbackGiven { complaintId: string; satisfied: boolean; comment?: string }
export interface ComplaintReopened { complaintId: string }

export const COMPLAINT_EVENTS = {
  ComplaintOpened: eventType<ComplaintOpened>({ schemaVersion: 1 }),
  ComplaintResponded: eventType<ComplaintResponded>({ schemaVersion: 1 }),
  ComplaintResolved: eventType<ComplaintResolved>({ schemaVersion: 1 }),
  ComplaintFeedbackGiven: eventType<ComplaintFeedbackGiven>({ schemaVersion: 1 }),
  ComplaintReopened: eventType<ComplaintReopened>({ schemaVersion: 1 }),
} as const;
