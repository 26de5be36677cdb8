import type { CollectionId } from '@mpm/domain';
import { createTurfEngine, type MeasurementError, type TurfEngine } from '@mpm/rules';
import type { PlanData } from '../state/server-store.ts';

export type { MeasurementError };

/** What the live check needs of the browser geometry engine. */
export type BrowserEngine = Pick<TurfEngine, 'measureWithOverlaps'>;

/** The Turf engine over the loaded plan layers (each indexed once), with the ruleset's sliver tolerance. */
export function browserEngine({ layers, ruleset }: PlanData): BrowserEngine {
  return createTurfEngine(
    Object.entries(layers).map(([collection, features]) => ({
      collection: collection as CollectionId,
      features: features?.features ?? [],
    })),
    { holderOverlapToleranceM2: ruleset.sliverToleranceM2 },
  );
}
