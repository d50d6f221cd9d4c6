/**
 * Drops the keys whose value is undefined or null. Commands go into events and are compared for
 * idempotent replays, so an absent optional field must be a missing key, never `undefined` or `null`.
 */
export function withoutAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
