/** The projections this deployment knows (status, rebuild, migrations): PROJECTIONS unless a test says otherwise. */
export const PROJECTION_REGISTRY = Symbol('PROJECTION_REGISTRY');
