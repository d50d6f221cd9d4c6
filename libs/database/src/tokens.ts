/** Nest injection tokens of the database this library opens (shared by the API and the projector). */
export const DATABASE = Symbol('DATABASE');
export const PG_POOL = Symbol('PG_POOL');
