/**
 * Which roles see customers' personal values on which read (docs/privacy.md "Who sees what").
 * Everyone else gets the same answer with each personal value "[masked]": a role reads what its
 * job needs, and the shape of the answer never depends on the caller.
 */
import type { Role } from '@app/auth';
import type { OrderView } from '@app/ordering';
import { maskEventData, maskValue } from '@app/privacy';

export type PersonalRead = 'order' | 'history' | 'state';

const SHOWN_TO: Readonly<Record<PersonalRead, readonly Role[]>> = {
  // Fulfilment and customer service act on the customer (shipping, contact).
  order: ['service', 'admin'],
  // Auditors check decisions against what the customer wrote; the service role writes
  // commands and needs no one's history back.
  history: ['auditor', 'admin'],
  state: ['auditor', 'admin'],
};

export function seesPersonalData(role: Role, read: PersonalRead): boolean {
  return SHOWN_TO[read].includes(role);
}

/** GET /orders/{orderId}: the customer's e-mail and name are its only personal values (the view has no address or free text). */
export function maskOrderView(view: OrderView): OrderView {
  const { customer } = view;
  return {
    ...view,
    customer: {
      ...customer,
      ...(customer.email !== undefined ? { email: maskValue(customer.email) as string } : {}),
      ...(customer.name !== undefined ? { name: maskValue(customer.name) as string } : {}),
    },
  };
}

/** An audited event with its personal data values masked (metadata holds none). */
export function maskAuditedEvent<T extends { type: string; data: unknown }>(event: T): T {
  return { ...event, data: maskEventData(event.type, event.data as Record<string, unknown>) };
}
