export * from './auth.ts';
export * from './layers.ts';
export * from './check.ts';
export * from './proposals.ts';
export * from './inspection.ts';
export * from './ledger.ts';
export * from './restoration.ts';
export * from './transfer.ts';
