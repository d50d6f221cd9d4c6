/** Nest injection tokens of the infrastructure shared by the API and the projector. */
export const DATABASE = Symbol('DATABASE');
export const PG_POOL = Symbol('PG_POOL');
/**
 * The event store exactly as stored (personal data encrypted): for hash-chain verification and
 * privacy scans. EVENT_STORE is the same store as every other reader sees it (decrypted).
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
/** Customers' data keys (@app/privacy KeyRing): the write path seals with them, erasure deletes them. */
export const KEY_RING = Symbol('KEY_RING');
