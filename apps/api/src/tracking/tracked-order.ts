/**
 * What the customer's tracking page shows (docs/tracking.md "What the page shows"): statuses
 * and refunds in plain words, and nothing personal: no name, e-mail or address ever enters
 * this shape, so neither the HTML nor the JSON can leak one.
 */
import type { BusinessCalendar, CustomerLocale, LineStatus, OrderState, OrderStatus, OrderView, PaymentMethod, RefundState } from '@app/ordering';
import { dateFormatter, fundsExpectedBy, moneyFormatter } from '@app/projections/customers';
import { CATALOGUES, fill, type Messages } from './messages';

// Shared with the customers' emails (projections/customers).
export { BANK_BUSINESS_DAYS, dateFormatter, fundsExpectedBy, moneyFormatter } from '@app/projections/customers';

export interface TrackedItem {
  lineId: string;
  name: string;
  quantity: number;
  status: LineStatus;
  statusLabel: string;
  statusText: string;
  carrier?: string;
  trackingNumber?: string;
}

export interface TrackedRefund {
  /** Minor units of `currency`. */
  total: number;
  currency: string;
  /** Where the money goes: the store wallet, or the way the order was paid. */
  destination: PaymentMethod;
  destinationLabel: string;
  issuedAt: string;
  fundsExpectedBy: string;
  text: string;
}

export interface TrackedOrder {
  orderId: string;
  locale: CustomerLocale;
  status: OrderStatus;
  statusLabel: string;
  statusText: string;
  placedAt: string;
  items: TrackedItem[];
  refunds: TrackedRefund[];
}

export function trackedOrder(view: OrderView, state: OrderState, locale: CustomerLocale, calendar: BusinessCalendar): TrackedOrder {
  const messages = CATALOGUES[locale];
  const money = moneyFormatter(locale, view.currency);
  const date = dateFormatter(locale, calendar);
  return {
    orderId: view.orderId,
    locale,
    status: view.status,
    statusLabel: messages.orderStatus[view.status].label,
    statusText: messages.orderStatus[view.status].text,
    placedAt: view.placedAt,
    items: view.lines.map((line) => ({
      lineId: line.lineId,
      name: line.name,
      quantity: line.quantity,
      status: line.status,
      statusLabel: messages.lineStatus[line.status].label,
      statusText: messages.lineStatus[line.status].text,
      ...(line.carrier !== undefined ? { carrier: line.carrier } : {}),
      ...(line.trackingNumber !== undefined ? { trackingNumber: line.trackingNumber } : {}),
    })),
    refunds: state.refunds.map((refund) => trackedRefund(refund, view.currency, messages, { money, date }, calendar)),
  };
}

interface Formatters {
  money(minorUnits: number): string;
  date(iso: string): string;
}

function trackedRefund(refund: RefundState, currency: string, messages: Messages, format: Formatters, calendar: BusinessCalendar): TrackedRefund {
  const destination: PaymentMethod = refund.destination === 'wallet' ? 'wallet' : refund.method;
  const expected = fundsExpectedBy(destination, refund.issuedAt, calendar);
  return {
    total: refund.total,
    currency,
    destination,
    destinationLabel: messages.refundDestination[destination],
    issuedAt: refund.issuedAt,
    fundsExpectedBy: expected,
    text: fill(messages.refund[destination], { amount: format.money(refund.total), date: format.date(expected) }),
  };
}
