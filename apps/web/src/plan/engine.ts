import { RIGHT_COLLECTIONS, rightCountsInChecks, type CollectionId } from '@mpm/domain';
import { createTurfEngine, type MeasurementError, type TurfEngine } from '@mpm/rules';
import type { PlanData } from '../state/server-store.ts';

export type { MeasurementError };

/** What the live check needs of the browser geometry engine. */
export type BrowserEngine = Pick<TurfEngine, 'measureWithOverlaps'>;

const isRights = (collection: string) => (RIGHT_COLLECTIONS as readonly string[]).includes(collection);

/**
 * The Turf engine over the loaded plan layers (each indexed once), with the ruleset's sliver
 * tolerance; revoked rights left out, as the server leaves them out.
 */
export function browserEngine({ layers, ruleset }: PlanData): BrowserEngine {
  return createTurfEngine(
    Object.entries(layers).map(([collection, features]) => ({
      collection: collection as CollectionId,
      features: (features?.features ?? []).filter((f) => !isRights(collection) || rightCountsInChecks(f.properties?.rightStatus)),
    })),
    { holderOverlapToleranceM2: ruleset.sliverToleranceM2 },
  );
}
