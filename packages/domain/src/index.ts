export * from './glossary.ts';
export * from './layers.ts';
export * from './units.ts';
export * from './roles.ts';
export * from './format.ts';
export * from './inspection.ts';
export * from './restoration.ts';
