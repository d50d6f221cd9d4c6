import { ERASED } from '@app/ordering';
import { mapPersonalLeaves } from './personal-fields';

/** What a personal value shows to a role that may read the record but not whom it is about. */
export const MASKED = '[masked]';

/** A personal string masked; absent values stay absent and "[erased]" stays "[erased]" (it reveals nothing). */
export function maskValue(value: unknown): unknown {
  return typeof value === 'string' && value !== ERASED ? MASKED : value;
}

/** The event's data with every personal value (the paths of PERSONAL_EVENT_FIELDS) masked. */
export function maskEventData<T extends Record<string, unknown>>(type: string, data: T): T {
  return mapPersonalLeaves(type, data, maskValue);
}
