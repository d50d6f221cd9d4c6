/**
 * Reads stored events of any schema version as today's shape. Stored events are never rewritten:
 * a breaking change bumps the type's schemaVersion in its area's catalogue (e.g. placing/events.ts)
 * and registers one step per old version here; the steps run in sequence (v1 → v2 → v3) on read.
 */
import { ORDER_EVENT_TYPES, schemaVersionOf } from './events';
import type { OrderEvent, OrderEventType } from './events';

export interface UpcastStep {
  type: OrderEventType;
  /** The version this step reads; it produces fromVersion + 1. */
  fromVersion: number;
  upcast: (data: unknown) => unknown;
}

export interface UpcasterConfig {
  steps: readonly UpcastStep[];
  /** Per-type current version; a type not listed is at its catalogue's schemaVersion (events.ts). */
  currentVersions?: Partial<Record<OrderEventType, number>>;
}

export type OrderEventUpcaster = (type: string, data: unknown, schemaVersion: number) => OrderEvent;

const KNOWN_TYPES: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);

/** Builds an upcaster and checks at build time that every old version of every type has its step. */
export function createOrderEventUpcaster(config: UpcasterConfig): OrderEventUpcaster {
  const steps = new Map<string, UpcastStep['upcast']>();
  for (const step of config.steps) {
    const key = stepKey(step.type, step.fromVersion);
    if (steps.has(key)) throw new Error(`Two upcasters for ${step.type} v${step.fromVersion}`);
    steps.set(key, step.upcast);
  }
  const currentOf = (type: OrderEventType): number => config.currentVersions?.[type] ?? schemaVersionOf(type);
  for (const type of ORDER_EVENT_TYPES) {
    for (let v = 1; v < currentOf(type); v += 1) {
      if (!steps.has(stepKey(type, v))) throw new Error(`No upcaster for ${type} v${v} → v${v + 1}`);
    }
  }

  return (type, data, schemaVersion) => {
    if (!KNOWN_TYPES.has(type)) throw new Error(`Unknown order event type '${type}'`);
    const eventType = type as OrderEventType;
    const current = currentOf(eventType);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      throw new Error(`${type}: schema version ${schemaVersion} is not readable (current is ${current})`);
    }
    let upcasted = data;
    for (let v = schemaVersion; v < current; v += 1) {
      upcasted = (steps.get(stepKey(eventType, v)) as UpcastStep['upcast'])(upcasted);
    }
    return { type: eventType, data: upcasted } as OrderEvent;
  };
}

function stepKey(type: string, fromVersion: number): string {
  return `${type}@${fromVersion}`;
}

/** Every order event type is at version 1 today: no step yet, the registry is ready for the first. */
export const ORDER_UPCAST_STEPS: readonly UpcastStep[] = [];

export const upcastOrderEvent: OrderEventUpcaster = createOrderEventUpcaster({ steps: ORDER_UPCAST_STEPS });
