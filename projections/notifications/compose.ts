/**
 * Which emails an order event calls for, and what they say (docs/notifications.md "What is sent
 * when"). Pure: the event, the order as folded up to and with it, and what the caller looked
 * up (the tracking link, the calendar, STAFF_EMAIL). Customer emails need an address that is
 * not "[erased]"; staff alerts need STAFF_EMAIL and carry no personal data.
 */
import { ERASED, type BusinessCalendar, type CustomerLocale, type LineState, type OrderEvent, type OrderState, type PaymentMethod } from '@app/ordering';
import { dateFormatter, fill, fundsExpectedBy, moneyFormatter } from '@app/projections/customers';
import type { EmailContent, Notification, NotificationKind } from './email-content';
import { EMAIL_CATALOGUES, EMAIL_LANG, reasonText, STAFF_MESSAGES, type EmailMessages } from './messages';

export interface ComposeInput {
  event: OrderEvent;
  /** The order with this event applied. */
  state: OrderState;
  calendar: BusinessCalendar;
  /** The order's current tracking link (needed by the order confirmation only). */
  trackingUrl?: string;
  staffEmail?: string;
}

/** The event types that may call for an email: the email subscription reads only these. */
export const NOTIFYING_EVENT_TYPES = [
  'OrderPlaced', 'ShipmentDispatched', 'LineCancelled', 'OrderCancelled', 'ItemDeliveryFailed',
  'RefundIssued', 'ReturnApproved', 'ReturnRejected', 'ComplaintResponded',
] as const satisfies ReadonlyArray<OrderEvent['type']>;

/** Whether the confirmation needs the tracking link looked up (the only input that costs a query). */
export const needsTrackingUrl = (event: OrderEvent) => event.type === 'OrderPlaced';

export function composeNotifications(input: ComposeInput): Notification[] {
  const { event, state } = input;
  const to = customerAddress(state);
  const customer = to ? new CustomerTexts(state, input.calendar) : null;
  const out: Notification[] = [];
  const push = (kind: NotificationKind, content: EmailContent | null | undefined) => {
    if (content && to) out.push({ kind, audience: 'customer', to, content });
  };
  const alert = (kind: NotificationKind, content: EmailContent) => {
    if (input.staffEmail) out.push({ kind, audience: 'staff', to: input.staffEmail, content });
  };
  switch (event.type) {
    case 'OrderPlaced':
      push('order_confirmation', customer?.confirmation(input.trackingUrl));
      break;
    case 'ShipmentDispatched':
      push('shipment_dispatched', customer?.dispatched(event.data.lineIds, event.data.carrier, event.data.trackingNumber));
      break;
    case 'LineCancelled': {
      const line = lineOf(state, event.data.lineId);
      push('line_cancelled', customer?.lineCancelled(line, event.data.quantity, event.data.reason));
      alert('line_cancelled', staffLineCancelled(state, line, event.data.quantity, event.data.reason));
      break;
    }
    case 'OrderCancelled':
      push('order_cancelled', customer?.orderCancelled(event.data.reason));
      alert('order_cancelled', staffOrderCancelled(state, event.data.reason, event.data.by));
      break;
    case 'ItemDeliveryFailed': {
      const line = lineOf(state, event.data.lineId);
      push('delivery_failed', customer?.deliveryFailed(line, event.data.reason));
      alert('delivery_failed', staffDeliveryFailed(state, line, event.data.reason));
      break;
    }
    case 'RefundIssued':
      push('refund_issued', customer?.refund(event.data.refundId));
      break;
    case 'ReturnApproved':
      push('return_approved', customer?.returnApproved());
      break;
    case 'ReturnRejected':
      push('return_rejected', customer?.returnRejected(event.data.reason));
      break;
    case 'ComplaintResponded':
      push('complaint_answered', customer?.complaintAnswered(event.data.message));
      break;
    default:
      break;
  }
  return out;
}

/** The customer's address, unless there is none or it was erased. */
function customerAddress(state: OrderState): string | null {
  const email = state.customer.email;
  return typeof email === 'string' && email !== ERASED && email.includes('@') ? email : null;
}

function lineOf(state: OrderState, lineId: string): LineState {
  const line = state.lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`order ${state.orderId} has no line ${lineId}`);
  return line;
}

/** The customer's emails, in the order's language. */
class CustomerTexts {
  private readonly locale: CustomerLocale;
  private readonly m: EmailMessages;
  private readonly money: (minorUnits: number) => string;
  private readonly date: (iso: string) => string;
  private readonly orderId: string;

  constructor(private readonly state: OrderState, private readonly calendar: BusinessCalendar) {
    this.locale = state.customer.locale ?? 'en';
    this.m = EMAIL_CATALOGUES[this.locale];
    this.money = moneyFormatter(this.locale, state.currency);
    this.date = dateFormatter(this.locale, calendar);
    this.orderId = state.orderId;
  }

  confirmation(trackingUrl: string | undefined): EmailContent {
    const t = this.m.orderConfirmation;
    return this.content(t.subject, [t.intro], {
      list: this.state.lines.map((line) => fill(this.m.common.itemWithPrice, { quantity: line.quantity, name: line.name, amount: this.money(line.quantity * line.unitPrice) })),
      body: [this.fill(t.total, { total: this.money(this.state.total) }), ...(trackingUrl ? [t.tracking] : [])],
      ...(trackingUrl ? { link: { label: this.m.common.trackingLink, url: trackingUrl } } : {}),
    });
  }

  dispatched(lineIds: readonly string[], carrier: string, trackingNumber: string): EmailContent {
    const t = this.m.shipmentDispatched;
    const lines = lineIds.map((id) => lineOf(this.state, id));
    return this.content(t.subject, [t.intro], {
      list: lines.map((line) => this.item(line.quantity, line.name)),
      body: [this.fill(t.carrier, { carrier }), this.fill(t.trackingNumber, { trackingNumber })],
    });
  }

  lineCancelled(line: LineState, quantity: number, reason: string): EmailContent {
    const t = this.m.lineCancelled;
    return this.content(t.subject, [this.fill(t.intro, { quantity, name: line.name }), reasonText(t.reason, reason)], { body: [t.money] });
  }

  orderCancelled(reason: string): EmailContent {
    const t = this.m.orderCancelled;
    return this.content(t.subject, [t.intro, reasonText(t.reason, reason)], { body: this.state.paid ? [t.money] : [] });
  }

  deliveryFailed(line: LineState, reason: string): EmailContent {
    const t = this.m.deliveryFailed;
    return this.content(t.subject, [this.fill(t.intro, { quantity: line.quantity, name: line.name }), reasonText(t.reason, reason)], { body: [t.next] });
  }

  refund(refundId: string): EmailContent {
    const refund = this.state.refunds.find((r) => r.refundId === refundId);
    if (!refund) throw new Error(`order ${this.orderId} has no refund ${refundId}`);
    // Where the money goes and when it arrives: the same rule as the tracking page's.
    const destination: PaymentMethod = refund.destination === 'wallet' ? 'wallet' : refund.method;
    const expected = fundsExpectedBy(destination, refund.issuedAt, this.calendar);
    const t = this.m.refundIssued;
    const values = { amount: this.money(refund.total) };
    return this.content(this.fill(t.subject, values), [this.fill(t.intro, values), this.fill(t.destination[destination], { date: this.date(expected) })]);
  }

  returnApproved(): EmailContent {
    const t = this.m.returnApproved;
    return this.content(t.subject, [t.intro], { body: [t.next] });
  }

  returnRejected(reason: string): EmailContent {
    const t = this.m.returnRejected;
    return this.content(t.subject, [t.intro, this.fill(t.reason, { reason })], { body: [t.next] });
  }

  complaintAnswered(message: string): EmailContent {
    const t = this.m.complaintAnswered;
    return this.content(t.subject, [t.intro], { quote: message, body: [t.next] });
  }

  private item(quantity: number, name: string): string {
    return fill(this.m.common.item, { quantity, name });
  }

  private fill(template: string, values: Record<string, string | number>): string {
    return fill(template, { orderId: this.orderId, ...values });
  }

  private content(subject: string, intro: string[], rest: Partial<EmailContent> = {}): EmailContent {
    return {
      lang: EMAIL_LANG[this.locale],
      subject: this.fill(subject, {}),
      greeting: this.m.common.greeting,
      intro: intro.map((text) => this.fill(text, {})),
      ...rest,
      ...(rest.body ? { body: rest.body.map((text) => this.fill(text, {})) } : {}),
      signature: this.m.common.signature,
      footer: this.fill(this.m.common.footer, {}),
    };
  }
}

const s = STAFF_MESSAGES;

function staffAlert(state: OrderState, what: string, summary: string, todo: string): EmailContent {
  const values = { orderId: state.orderId };
  return {
    lang: 'en',
    subject: fill(s.subject, { ...values, what }),
    intro: [fill(s.intro, { ...values, summary })],
    body: [s.todoHeading, fill(todo, values)],
    footer: fill(s.footer, values),
  };
}

function staffLineCancelled(state: OrderState, line: LineState, quantity: number, reason: string): EmailContent {
  const t = s.lineCancelled;
  const values = { quantity, name: line.name, sku: line.sku, lineId: line.lineId, reason };
  return staffAlert(state, t.what, fill(t.summary, values), fill(reasonText(t.todo, reason), values));
}

function staffOrderCancelled(state: OrderState, reason: string, by: string): EmailContent {
  const t = s.orderCancelled;
  return staffAlert(state, t.what, fill(t.summary, { reason, by }), state.paid ? t.todoPaid : t.todoUnpaid);
}

function staffDeliveryFailed(state: OrderState, line: LineState, reason: string): EmailContent {
  const t = s.deliveryFailed;
  const values = { quantity: line.quantity, name: line.name, lineId: line.lineId, reason };
  return staffAlert(state, t.what, fill(t.summary, values), fill(reasonText(t.todo, reason), values));
}
