/** The projections this deployment knows (status, rebuild): projectionsFor(config) in registry.ts. */
export const PROJECTION_REGISTRY = Symbol('PROJECTION_REGISTRY');
