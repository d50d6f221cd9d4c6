/** Customers' data keys (KeyRing): the write path seals with them, erasure deletes them. */
export const KEY_RING = Symbol('KEY_RING');
