/** One email before it is laid out: the same content gives the plain-text and the HTML part. */
export interface EmailContent {
  /** The HTML part's language. */
  lang: string;
  subject: string;
  greeting?: string;
  /** Paragraphs before the list. */
  intro: string[];
  /** A list (items, or what needs doing). */
  list?: string[];
  /** Paragraphs after the list. */
  body?: string[];
  /** A quoted message (the shop's answer to a complaint). */
  quote?: string;
  link?: { label: string; url: string };
  signature?: string;
  footer: string;
}

/** Who an email goes to: the order's customer, or the shop's staff (STAFF_EMAIL). */
export type Audience = 'customer' | 'staff';

export type NotificationKind =
  | 'order_confirmation' | 'shipment_dispatched' | 'line_cancelled' | 'order_cancelled' | 'delivery_failed'
  | 'refund_issued' | 'return_approved' | 'return_rejected' | 'complaint_answered';

/** One email an event calls for. */
export interface Notification {
  kind: NotificationKind;
  audience: Audience;
  to: string;
  content: EmailContent;
}
