export * from './auth.ts';
export * from './layers.ts';
export * from './check.ts';
export * from './proposals.ts';
