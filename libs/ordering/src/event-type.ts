/**
 * One declaration per event type: `eventType<Data>({ schemaVersion })`. The declaration's phantom
 * type carries the event's data type, so the type map, the union, the list of types and the
 * per-type schema versions are all derived from the areas' catalogues (events.ts), never listed twice.
 */
declare const dataType: unique symbol;

export interface EventTypeDeclaration<Data> {
  /** The version new events of this type are written at; older stored versions are upcast on read (upcasters.ts). */
  readonly schemaVersion: number;
  /** Type-only: never present at runtime. */
  readonly [dataType]?: Data;
}

/** An area's events: event type name → its declaration. */
export type EventCatalogue = Readonly<Record<string, EventTypeDeclaration<unknown>>>;

export type EventDataOf<D> = D extends EventTypeDeclaration<infer Data> ? Data : never;

export function eventType<Data>(declaration: { schemaVersion: number }): EventTypeDeclaration<Data> {
  return Object.freeze({ schemaVersion: declaration.schemaVersion });
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The areas' catalogues as one; an event type declared by two areas is a programming error. */
export function mergeCatalogues<C extends readonly EventCatalogue[]>(...catalogues: C): UnionToIntersection<C[number]> {
  const merged: Record<string, EventTypeDeclaration<unknown>> = {};
  for (const catalogue of catalogues) {
    for (const [type, declaration] of Object.entries(catalogue)) {
      if (Object.hasOwn(merged, type)) throw new Error(`Order event type ${type} is declared twice`);
      merged[type] = declaration;
    }
  }
  return Object.freeze(merged) as UnionToIntersection<C[number]>;
}
