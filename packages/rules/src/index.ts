export * from './types.ts';
export * from './findings.ts';
export * from './request.ts';
export * from './zone-rules.ts';
export * from './plan-rules.ts';
export * from './indicators.ts';
export * from './evaluate.ts';
export * from './engine.ts';
