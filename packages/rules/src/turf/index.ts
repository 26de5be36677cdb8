export { createTurfEngine } from './turf-engine.ts';
export { DEFAULT_TURF_ENGINE_OPTIONS, type TurfEngineOptions } from './options.ts';
export * from './reasons.ts';
export type * from './types.ts';
