/** Customers' personal data: what is personal, how it is sealed per customer, and erased (docs/privacy.md). */
export * from './personal-fields';
export * from './envelope';
export * from './master-key';
export * from './master-key-source';
export * from './key-store';
export * from './key-ring';
export * from './open-key-ring';
export * from './event-data';
export * from './fingerprint';
export * from './protect';
export * from './decrypting-event-store';
export * from './plaintext-scan';
export * from './tokens';
export * from './masking';
