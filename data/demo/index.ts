/**
 * What the benchmarks and property tests borrow from the demo generator, by name
 * (`@mpm/demo`): its seeded random stream and its local planar frame.
 */
export { createRandom, type Random } from './random.ts';
export { createLocalFrame, type LocalFrame } from './frame.ts';
