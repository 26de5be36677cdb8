import { distanceToBlockM } from './distance.ts';
import { MEASUREMENT_ERROR_MESSAGES, TURF_FAILED } from './reasons.ts';
import { intersectsBlock } from './relate.ts';
import type { CollectionCandidates, PreparedBlock } from './scan.ts';
import type { FeatureExtras } from './types.ts';
import type { FeatureFlag, MeasurementError } from './types.ts';

/**
 * Step 2 of the fast path: Turf `booleanIntersects` on each candidate; for those apart, the
 * geodesic distance when the request reaches past 0 m. No intersection geometry is built.
 */
export function flagCandidates(
  block: PreparedBlock,
  found: readonly CollectionCandidates[],
  extras: (collection: string, featureId: number) => FeatureExtras,
  errors: MeasurementError[],
): FeatureFlag[] {
  const flags: FeatureFlag[] = [];
  for (const { collection, withinM, items } of found) {
    for (const item of items) {
      const { featureId, properties } = item;
      const relation = intersectsBlock(block, item);
      if (!relation.ok) {
        errors.push({ reason: TURF_FAILED, collection, featureId, properties, message: MEASUREMENT_ERROR_MESSAGES[TURF_FAILED], detail: relation.detail });
        continue;
      }
      const distanceM = relation.value ? 0 : withinM > 0 ? distanceToBlockM(block.outline, item.feature.geometry) : Infinity;
      if (distanceM > withinM) continue;
      flags.push({ collection, featureId, properties, intersects: relation.value, distanceM, ...extras(collection, featureId) });
    }
  }
  return flags;
}
