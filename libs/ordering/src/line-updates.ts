import type { LineState, OrderState } from './state';
import { withCurrentStatus } from './status';

/**
 * Applies `change` to the named lines (every line when `lineIds` is 'all') and refreshes their
 * shown status against `state`, which must already carry the event's order-level changes
 * (paid, cancelled, returns). Untouched lines keep their identity.
 */
export function updateLines(
  state: OrderState,
  lineIds: readonly string[] | 'all',
  change: (line: LineState) => LineState = (l) => l,
): readonly LineState[] {
  const wanted = lineIds === 'all' ? undefined : new Set(lineIds);
  return state.lines.map((line) => (wanted && !wanted.has(line.lineId) ? line : withCurrentStatus(change(line), state)));
}

export function quantitiesByLine(lines: ReadonlyArray<{ lineId: string; quantity: number }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const l of lines) map.set(l.lineId, (map.get(l.lineId) ?? 0) + l.quantity);
  return map;
}
