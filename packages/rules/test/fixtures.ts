import type { FeatureMeasurement, MineRecord, Ruleset } from '../src/types.ts';
import rulesetJson from '../../../data/rulesets/zhengning-2021.json' with { type: 'json' };

export const ruleset = rulesetJson as Ruleset;
export const buffers = ruleset.bufferDefaults;

/** The Zhengning base year: 1 large coal mine and 4 small brick-clay mines. */
export const baseYearMines: MineRecord[] = [
  { mineral: 'coal', scaleClass: 'large', capacity10ktPerYear: 120 },
  ...[5, 6, 4, 7].map((capacity10ktPerYear) => ({ mineral: 'brickClay' as const, scaleClass: 'small' as const, capacity10ktPerYear })),
];

let nextId = 1;
/** A measured feature with sensible defaults. */
export const feature = (f: Partial<FeatureMeasurement> & Pick<FeatureMeasurement, 'collection'>): FeatureMeasurement => ({
  featureId: nextId++,
  properties: { name: `${f.collection} ${nextId}` },
  overlapAreaM2: 0,
  distanceM: 0,
  ...f,
});
