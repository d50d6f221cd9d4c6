import type { OrderCommandType, OrderEventType } from '@app/ordering';

/**
 * Which values are personal (docs/privacy.md "What is personal"): the customer's e-mail and
 * name, the whole shipping address, and every free-text field (notes, messages, reasons,
 * resolutions): whoever writes it, it can quote the customer. Ids, amounts, skus, statuses and
 * reason codes chosen from a list are not. Paths are dot-separated; `*` is every key of an
 * object. Only string values are ever protected: that is what every listed field holds.
 *
 * Append-only: readers open envelopes at these paths only (walking all of every event cost as
 * much CPU as the decryption itself), so a path taken out would leave what was sealed there
 * sealed. A field that stops being personal keeps its path here; new events then hold plaintext.
 */
export const PERSONAL_EVENT_FIELDS: Readonly<Partial<Record<OrderEventType, readonly string[]>>> = {
  OrderPlaced: ['customer.email', 'customer.name', 'shippingAddress.*'],
  ReturnRequested: ['note'],
  ReturnReceived: ['note'],
  ComplaintOpened: ['message'],
  ComplaintResponded: ['message'],
  // Added later (#21.6): free text written by merchants and providers quotes customers too.
  PaymentFailed: ['reason'],
  OrderCancelled: ['reason'],
  ReturnRejected: ['reason'],
  ComplaintResolved: ['resolution'],
  OrderEdited: ['changes.*.shippingAddress.*'],
  ComplaintFeedbackGiven: ['comment'],
};

/** The same fields as commands carry them (each area's commands.ts in libs/ordering), for request fingerprints. */
const PERSONAL_COMMAND_FIELDS: Readonly<Partial<Record<OrderCommandType, readonly string[]>>> = {
  PlaceOrder: ['customer.email', 'customer.name', 'shippingAddress.*'],
  RequestReturn: ['note'],
  ReceiveReturn: ['note'],
  OpenComplaint: ['message'],
  RespondToComplaint: ['message'],
  FailPayment: ['reason'],
  CancelOrder: ['reason'],
  RejectReturn: ['reason'],
  ResolveComplaint: ['resolution'],
  EditOrder: ['changes.*.shippingAddress.*'],
  GiveComplaintFeedback: ['comment'],
};

type Json = Record<string, unknown>;

/**
 * `data` with `change` applied to every personal string of an event of `type`. Answers the same
 * object when nothing changed, and copies only along changed paths (data is never mutated).
 */
export function mapPersonalValues<T extends Json>(type: string, data: T, change: (value: string) => unknown): T {
  return mapPaths(PERSONAL_EVENT_FIELDS[type as OrderEventType], data, (value) => (typeof value === 'string' ? change(value) : value));
}

/** Like mapPersonalValues, for whatever a personal path holds (a string, or an envelope once sealed). */
export function mapPersonalLeaves<T extends Json>(type: string, data: T, change: (value: unknown) => unknown): T {
  return mapPaths(PERSONAL_EVENT_FIELDS[type as OrderEventType], data, change);
}

/** Calls `visit` with every value found at a personal path of an event of `type`, whatever it holds. */
export function visitPersonalValues(type: string, data: Json, visit: (value: unknown) => void): void {
  mapPaths(PERSONAL_EVENT_FIELDS[type as OrderEventType], data, (value) => {
    visit(value);
    return value;
  });
}

/** Does this command carry a personal value (so its request fingerprint must be keyed)? */
export function commandCarriesPersonalData(command: { type: string }): boolean {
  let found = false;
  mapPaths(PERSONAL_COMMAND_FIELDS[command.type as OrderCommandType], command as unknown as Json, (value) => {
    if (typeof value === 'string') found = true;
    return value;
  });
  return found;
}

function mapPaths<T extends Json>(paths: readonly string[] | undefined, data: T, change: (value: unknown) => unknown): T {
  if (!paths) return data;
  let result: unknown = data;
  for (const path of paths) result = mapAt(result, path.split('.'), change);
  return result as T;
}

function mapAt(value: unknown, segments: readonly string[], change: (value: unknown) => unknown): unknown {
  if (segments.length === 0) return change(value);
  const [head, ...rest] = segments;
  // `*` over a list is every element (an edit's changes).
  if (Array.isArray(value) && head === '*') {
    const mapped = value.map((item) => mapAt(item, rest, change));
    return mapped.some((item, i) => item !== value[i]) ? mapped : value;
  }
  if (!isObject(value)) return value;
  const keys = head === '*' ? Object.keys(value) : Object.hasOwn(value, head) ? [head] : [];
  let copy: Json | null = null;
  for (const key of keys) {
    const next = mapAt(value[key], rest, change);
    if (next !== value[key]) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
