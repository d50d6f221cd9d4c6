export * from './canonical-json';
export * from './hash-chain';
export * from './signing-key';
export * from './checkpoint';
export * from './checkpoint-store';
export * from './checkpoint-signer';
export * from './checkpoint-log';
