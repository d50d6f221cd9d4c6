/** Refusals shared by several deciders, so each code means the same thing everywhere. */
import { DomainError, InvalidCommandError, NotFoundError } from './errors';
import type { LineQuantity } from './events';
import type { ComplaintState, LineState, OrderState, ReturnState } from './state';
import { findComplaint, findLine, findReturn } from './queries';

export function invalidTransition(message: string): DomainError {
  return new DomainError('invalid_state_transition', message);
}

export function requireLine(state: OrderState, lineId: string): LineState {
  const line = findLine(state, lineId);
  if (!line) throw new NotFoundError('line_not_found', `Order ${state.orderId} has no line ${lineId}`);
  return line;
}

export function requireReturn(state: OrderState, returnId: string): ReturnState {
  const ret = findReturn(state, returnId);
  if (!ret) throw new NotFoundError('return_not_found', `Order ${state.orderId} has no return ${returnId}`);
  return ret;
}

export function requireComplaint(state: OrderState, complaintId: string): ComplaintState {
  const complaint = findComplaint(state, complaintId);
  if (!complaint) throw new NotFoundError('complaint_not_found', `Order ${state.orderId} has no complaint ${complaintId}`);
  return complaint;
}

export function requirePaidAndOpen(state: OrderState): void {
  if (state.cancelled) throw invalidTransition(`Order ${state.orderId} is cancelled`);
  if (!state.paid) throw new DomainError('order_not_paid', `Order ${state.orderId} is not paid`);
}

export function requireNewShipmentId(state: OrderState, shipmentId: string): void {
  if (state.shipments.some((s) => s.shipmentId === shipmentId)) {
    throw new DomainError('shipment_already_exists', `Order ${state.orderId} already has shipment ${shipmentId}`);
  }
}

/** A non-empty list of distinct ids. */
export function requireLineIdList(lineIds: readonly string[] | undefined, field: string): readonly string[] {
  if (!Array.isArray(lineIds) || lineIds.length === 0) {
    throw new InvalidCommandError('At least one line is required', [{ field, message: 'must name at least one line' }]);
  }
  const seen = new Set<string>();
  lineIds.forEach((id, i) => {
    if (seen.has(id)) throw new InvalidCommandError('Duplicate line', [{ field: `${field}[${i}]`, message: `line ${id} is named twice` }]);
    seen.add(id);
  });
  return lineIds;
}

/** A non-empty list of {lineId, quantity} with distinct lines and whole positive quantities. */
export function requireLineQuantities(lines: readonly LineQuantity[] | undefined, field: string): readonly LineQuantity[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new InvalidCommandError('At least one line is required', [{ field, message: 'must name at least one line' }]);
  }
  const errors: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.lineId)) errors.push({ field: `${field}[${i}].lineId`, message: `line ${l.lineId} is named twice` });
    seen.add(l.lineId);
    if (!Number.isInteger(l.quantity) || l.quantity < 1) errors.push({ field: `${field}[${i}].quantity`, message: 'must be an integer ≥ 1' });
  });
  if (errors.length > 0) throw new InvalidCommandError('Invalid lines', errors);
  return lines;
}

export function isNonNegativeInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

export function sameLineSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
