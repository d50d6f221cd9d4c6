/**
 * What an edit does to the order, worked out once and used twice: by `decideEdit` to judge and
 * record it (and by `previewEdit` to answer without recording), and by evolve to apply the
 * recorded changes. Pure.
 */
import { DomainError, InvalidCommandError, NotFoundError } from '../errors';
import type { LineQuantity, OrderLine } from '../values';
import type { LineState, OrderState } from '../state';
import { cancelUnits, newLine, shiftBalance } from '../line-updates';
import { liveGoods, liveQuantity } from '../queries';
import { invalidTransition, isNonNegativeInteger, requireLine } from '../guards';
import type { EditChange } from './commands';
import type { EditChangeRecord, OrderEdited } from './events';

export const MAX_EDIT_CHANGES = 20;
const MAX_LINES = 100;
const MAX_QUANTITY = 1000;
const CATEGORIES = new Set(['physical', 'digital', 'custom', 'service']);

type FieldError = { field: string; message: string };

/** The answer of a preview: what the edit would do to the totals and what it would leave due. */
export interface EditPreview {
  editId: string;
  before: { goodsTotal: number; total: number };
  after: { goodsTotal: number; total: number };
  balanceDue: number;
  refundDue: number;
}

/** Judges an edit against the order and answers the OrderEdited it records, or throws. */
export function decideEdit(state: OrderState, editId: string, changes: readonly EditChange[]): OrderEdited {
  if (state.cancelled) throw invalidTransition(`Order ${state.orderId} is cancelled`);
  if (state.edits.some((e) => e.editId === editId)) {
    throw new DomainError('edit_already_exists', `Order ${state.orderId} already has edit ${editId}`);
  }
  requireChangeList(changes);
  const records = changes.map((c, i) => recordOf(state, c, `changes[${i}]`));
  requireDistinctLines(state, records);
  const applied = applyEditChanges(state, records);
  requireConsistentOrder(state, applied);
  const goodsTotal = liveGoods(applied.lines);
  const before = { goodsTotal: state.goodsTotal, total: state.total };
  const after = { goodsTotal, total: goodsTotal + state.shippingFee + state.payment.processingFee };
  if (!Number.isSafeInteger(after.total)) {
    throw new InvalidCommandError('The order total would be too large', [{ field: 'changes', message: 'the order total is too large' }]);
  }
  const due = state.paid ? shiftBalance(state, after.goodsTotal - before.goodsTotal) : { balanceDue: 0, editRefundDue: 0 };
  return {
    editId,
    changes: records,
    before,
    after,
    balanceDue: due.balanceDue,
    refundDue: due.editRefundDue,
    awaitingBalance: due.balanceDue > 0 ? addedUnits(records) : [],
  };
}

/** `preview: true`: the same judgement, nothing recorded. */
export function previewEdit(state: OrderState, editId: string, changes: readonly EditChange[]): EditPreview {
  if (!state.exists) throw new NotFoundError('order_not_found', `Order ${state.orderId || '(unknown)'} does not exist`);
  const edited = decideEdit(state, editId, changes);
  return { editId, before: edited.before, after: edited.after, balanceDue: edited.balanceDue, refundDue: edited.refundDue };
}

/** The lines and address once the recorded changes are made (evolve uses this too). */
export function applyEditChanges(state: OrderState, records: readonly EditChangeRecord[]): Pick<OrderState, 'lines' | 'shippingAddress'> {
  let lines: LineState[] = [...state.lines];
  let shippingAddress = state.shippingAddress;
  const replace = (lineId: string, change: (l: LineState) => LineState) => {
    lines = lines.map((l) => (l.lineId === lineId ? change(l) : l));
  };
  for (const r of records) {
    switch (r.op) {
      case 'set_quantity': {
        const delta = r.quantity - r.previousQuantity;
        replace(r.lineId, (l) => ({
          ...l, quantity: l.quantity + delta, awaitingBalanceQuantity: Math.max(0, l.awaitingBalanceQuantity + Math.min(0, delta)),
        }));
        break;
      }
      case 'add_line':
        lines.push(newLine(r.line));
        break;
      case 'replace_line':
        replace(r.lineId, (l) => cancelUnits(l, r.cancelledQuantity, state.paid, true).line);
        lines.push(newLine(r.line));
        break;
      case 'set_shipping_address':
        shippingAddress = r.shippingAddress;
        break;
    }
  }
  return { lines, shippingAddress };
}

function requireChangeList(changes: readonly EditChange[]): void {
  if (!Array.isArray(changes) || changes.length < 1 || changes.length > MAX_EDIT_CHANGES) {
    throw new InvalidCommandError('An edit holds 1 to 20 changes', [{ field: 'changes', message: `must hold 1 to ${MAX_EDIT_CHANGES} changes` }]);
  }
}

function recordOf(state: OrderState, change: EditChange, field: string): EditChangeRecord {
  switch (change.op) {
    case 'set_quantity': {
      requireQuantity(change.quantity, `${field}.quantity`);
      const line = requireEditableLine(state, change.lineId);
      return { op: 'set_quantity', lineId: line.lineId, quantity: change.quantity, previousQuantity: liveQuantity(line) };
    }
    case 'add_line':
      return { op: 'add_line', line: validLine(change.line, `${field}.line`) };
    case 'replace_line': {
      const line = validLine(change.line, `${field}.line`);
      const old = requireEditableLine(state, change.lineId);
      return { op: 'replace_line', lineId: old.lineId, cancelledQuantity: liveQuantity(old), line };
    }
    case 'set_shipping_address':
      if (change.shippingAddress === null || typeof change.shippingAddress !== 'object') {
        throw new InvalidCommandError('An address is required', [{ field: `${field}.shippingAddress`, message: 'required' }]);
      }
      if (state.shipments.length > 0) {
        throw new DomainError('line_already_shipped', `Order ${state.orderId} has shipped: its address can no longer change`);
      }
      return { op: 'set_shipping_address', shippingAddress: change.shippingAddress };
    default:
      throw new InvalidCommandError('Unknown change', [{ field: `${field}.op`, message: 'must be set_quantity, add_line, replace_line or set_shipping_address' }]);
  }
}

/** Only units awaiting payment or shipment change; a line wholly cancelled has none left. */
export function requireEditableLine(state: OrderState, lineId: string): LineState {
  const line = requireLine(state, lineId);
  if (line.stage !== 'awaiting_shipment') {
    throw new DomainError('line_already_shipped', `Line ${lineId} has shipped (it is ${line.status}) and can no longer change`, { lineId });
  }
  if (liveQuantity(line) === 0) throw invalidTransition(`Line ${lineId} is cancelled`);
  if (line.exchangeOf !== undefined) throw invalidTransition(`Line ${lineId} is the exchange of return ${line.exchangeOf}`);
  return line;
}

function requireQuantity(quantity: unknown, field: string): void {
  if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_QUANTITY) {
    throw new InvalidCommandError('Invalid quantity', [{ field, message: `must be an integer from 1 to ${MAX_QUANTITY} (to remove a line, cancel it)` }]);
  }
}

/** A new line, checked field by field (an edit's add_line and replace_line, an exchange's exchangeFor). */
export function validLine(line: OrderLine | undefined, field: string): OrderLine {
  if (line === null || typeof line !== 'object') throw new InvalidCommandError('A line is required', [{ field, message: 'required' }]);
  const errors: FieldError[] = [];
  if (typeof line.lineId !== 'string' || line.lineId.length === 0) errors.push({ field: `${field}.lineId`, message: 'required' });
  if (typeof line.sku !== 'string' || line.sku.length === 0) errors.push({ field: `${field}.sku`, message: 'required' });
  if (typeof line.name !== 'string' || line.name.length === 0) errors.push({ field: `${field}.name`, message: 'required' });
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    errors.push({ field: `${field}.quantity`, message: `must be an integer from 1 to ${MAX_QUANTITY}` });
  }
  if (!isNonNegativeInteger(line.unitPrice)) errors.push({ field: `${field}.unitPrice`, message: 'must be an integer ≥ 0 (minor units)' });
  if (!CATEGORIES.has(line.category)) errors.push({ field: `${field}.category`, message: 'must be physical, digital, custom or service' });
  if (errors.length > 0) throw new InvalidCommandError('Invalid line', errors);
  return { lineId: line.lineId, sku: line.sku, name: line.name, quantity: line.quantity, unitPrice: line.unitPrice, category: line.category };
}

/** A line is changed once per edit; a new lineId is new to the order. */
function requireDistinctLines(state: OrderState, records: readonly EditChangeRecord[]): void {
  const touched = new Set<string>();
  const known = new Set(state.lines.map((l) => l.lineId));
  const errors: FieldError[] = [];
  records.forEach((r, i) => {
    if (r.op === 'set_quantity' || r.op === 'replace_line') {
      if (touched.has(r.lineId)) errors.push({ field: `changes[${i}].lineId`, message: `line ${r.lineId} is changed twice` });
      touched.add(r.lineId);
    }
    if (r.op === 'add_line' || r.op === 'replace_line') {
      if (known.has(r.line.lineId)) errors.push({ field: `changes[${i}].line.lineId`, message: `lineId ${r.line.lineId} is already used` });
      known.add(r.line.lineId);
    }
    if (r.op === 'set_shipping_address' && touched.has('\u0000address')) {
      errors.push({ field: `changes[${i}]`, message: 'the address is changed twice' });
    }
    if (r.op === 'set_shipping_address') touched.add('\u0000address');
  });
  if (errors.length > 0) throw new InvalidCommandError('The edit names something twice', errors);
}

function requireConsistentOrder(state: OrderState, applied: Pick<OrderState, 'lines' | 'shippingAddress'>): void {
  if (applied.lines.length > MAX_LINES) {
    throw new InvalidCommandError('Too many lines', [{ field: 'changes', message: `an order holds at most ${MAX_LINES} lines` }]);
  }
  const physical = applied.lines.some((l) => l.category === 'physical' && liveQuantity(l) > 0);
  if (physical && applied.shippingAddress === undefined) {
    throw new InvalidCommandError('A physical line needs an address', [
      { field: 'changes', message: `order ${state.orderId} has no shipping address: add set_shipping_address` },
    ]);
  }
}

/** Units the edit adds: new lines whole, and the increase of a quantity. */
function addedUnits(records: readonly EditChangeRecord[]): LineQuantity[] {
  const added: LineQuantity[] = [];
  for (const r of records) {
    if (r.op === 'add_line' || r.op === 'replace_line') added.push({ lineId: r.line.lineId, quantity: r.line.quantity });
    if (r.op === 'set_quantity' && r.quantity > r.previousQuantity) added.push({ lineId: r.lineId, quantity: r.quantity - r.previousQuantity });
  }
  return added;
}
