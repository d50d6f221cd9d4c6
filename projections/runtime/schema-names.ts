import { assertProjectionName, type Projection } from './projection';

/**
 * Every projection keeps its tables in a schema of its own, so a rebuild can fill a second
 * schema beside it and swap the two by renaming, in one transaction.
 */
export interface ProjectionSchemas {
  /** What readers query, e.g. `order_status`. */
  live: string;
  /** Filled by a rebuild while `live` keeps answering. */
  rebuild: string;
  /** The previous live schema between the swap and its drop. */
  retired: string;
}

export function schemasOf(projection: Pick<Projection, 'name'>): ProjectionSchemas {
  assertProjectionName(projection.name);
  const live = projection.name.replace(/-/g, '_');
  return { live, rebuild: `${live}__rebuild`, retired: `${live}__retired` };
}

/** The live schema of a projection name: what query code interpolates into its SQL. */
export function liveSchemaOf(name: string): string {
  return schemasOf({ name }).live;
}

/** Schema names come from assertProjectionName's alphabet, but quote anyway: SQL is built from them. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
