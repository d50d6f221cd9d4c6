import { ERASED } from '@app/ordering';
import { isEnvelope, seal, unseal } from './envelope';
import type { DataKey } from './key-ring';
import { mapPersonalLeaves, mapPersonalValues, visitPersonalValues } from './personal-fields';

type Json = Record<string, unknown>;

/** The event's data with every personal string sealed under the customer's key. */
export function protectEventData<T extends Json>(type: string, data: T, key: DataKey): T {
  return mapPersonalValues(type, data, (value) => seal(value, key.keyId, key.key));
}

/** Does the event hold a personal value in plaintext (new, or written before encryption)? */
export function hasPlaintextPersonalData(type: string, data: Json): boolean {
  let found = false;
  mapPersonalValues(type, data, (value) => {
    found = true;
    return value;
  });
  return found;
}

/** Does the event hold sealed personal values (it was read from the raw store, not the decrypting view)? */
export function hasSealedPersonalData(type: string, data: Json): boolean {
  let found = false;
  visitPersonalValues(type, data, (value) => {
    if (isEnvelope(value)) found = true;
  });
  return found;
}

/**
 * For folds that write read models: an event still sealed was read from the raw store (a tool
 * wired to createEventStore instead of createReadableEventStore), and folding it would put
 * ciphertext where plaintext or "[erased]" belongs. Fail loudly instead.
 */
export function assertOpened(event: { type: string; streamId: string; revision: number; data: Json }): void {
  if (hasSealedPersonalData(event.type, event.data)) {
    throw new Error(`${event.type} at ${event.streamId}@${event.revision} still holds sealed personal data: read models must read through the decrypting event store (EVENT_STORE or createReadableEventStore), not the raw one`);
  }
}

/** Adds the ids of the keys the event's envelopes name. */
export function collectKeyIds(type: string, data: Json, into: Set<string>): Set<string> {
  visitPersonalValues(type, data, (value) => {
    if (isEnvelope(value)) into.add(value.key);
  });
  return into;
}

export class PersonalDataIntegrityError extends Error {
  constructor(readonly keyId: string) {
    super(`A personal value sealed under key ${keyId} failed authentication: the stored event was altered`);
    this.name = 'PersonalDataIntegrityError';
  }
}

/**
 * Every envelope opened with its key, or ERASED when the key is gone (erased customers); plain
 * values (events written before encryption) as they are. Answers the same object when there is
 * nothing to open; never mutates it.
 */
export function openEventData<T extends Json>(type: string, data: T, keys: ReadonlyMap<string, DataKey>): T {
  return mapPersonalLeaves(type, data, (value) => {
    if (!isEnvelope(value)) return value;
    const key = keys.get(value.key);
    if (!key) return ERASED;
    try {
      return unseal(value, key.key);
    } catch {
      throw new PersonalDataIntegrityError(value.key);
    }
  });
}
