export * from './auth.ts';
export * from './layers.ts';
