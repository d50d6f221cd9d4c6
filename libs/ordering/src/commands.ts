/**
 * Commands are imperative and carry only what the caller decides; the decider computes the rest
 * (totals, refund amounts, merchant fault). HTTP bodies map onto these one to one.
 * Each command is declared in its area (placing/commands.ts, ...) and joins its area's union.
 */
import type { PlacingCommand } from './placing/commands';
import type { ShippingCommand } from './shipping/commands';
import type { ReturnCommand } from './returns/commands';
import type { RefundCommand } from './refunds/commands';
import type { ComplaintCommand } from './complaints/commands';
import type { ChangeCommand } from './changes/commands';

export type * from './placing/commands';
export type * from './shipping/commands';
export type * from './returns/commands';
export type * from './refunds/commands';
export type * from './complaints/commands';
export type * from './changes/commands';

export type OrderCommand = PlacingCommand | ShippingCommand | ReturnCommand | RefundCommand | ComplaintCommand | ChangeCommand;

export type OrderCommandType = OrderCommand['type'];

export type OrderCommandOf<K extends OrderCommandType> = Extract<OrderCommand, { type: K }>;
