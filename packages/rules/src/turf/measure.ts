import type { OverlapPart } from '../engine.ts';
import type { FeatureMeasurement } from '../types.ts';
import type { Clip } from './clip-memo.ts';
import { distanceToBlockM } from './distance.ts';
import type { AreaGeometry, IndexedFeature } from './layer-index.ts';
import { MEASUREMENT_ERROR_MESSAGES, TURF_FAILED } from './reasons.ts';
import { areaShapeOf, intersectsBlock, overlapWithBlock, type Attempt } from './relate.ts';
import type { CollectionCandidates, PreparedBlock } from './scan.ts';
import type { FeatureExtras } from './types.ts';
import type { MeasurementError } from './types.ts';

interface Measured {
  overlapAreaM2: number;
  distanceM: number;
  part: AreaGeometry | null;
}

const apart = (block: PreparedBlock, item: IndexedFeature): Measured => ({
  overlapAreaM2: 0,
  distanceM: distanceToBlockM(block.outline, item.feature.geometry),
  part: null,
});

/**
 * One candidate: Turf `intersect` + ellipsoidal area for areas; then, for what shares no area,
 * Turf `booleanIntersects` (touching counts, as in `classify`) and else the distance.
 */
function measureOne(block: PreparedBlock, item: IndexedFeature, withinM: number, clip: Clip): Attempt<Measured> {
  if (item.isArea) {
    const overlap = overlapWithBlock(block, areaShapeOf(item), (run) => clip(item, run));
    if (!overlap.ok) return overlap;
    if (overlap.value) return { ok: true, value: { overlapAreaM2: overlap.value.areaM2, distanceM: 0, part: overlap.value.geometry } };
  }
  const relation = intersectsBlock(block, item);
  if (!relation.ok) return relation;
  if (relation.value) return { ok: true, value: { overlapAreaM2: 0, distanceM: 0, part: null } };
  return { ok: true, value: withinM > 0 ? apart(block, item) : { overlapAreaM2: 0, distanceM: Infinity, part: null } };
}

/**
 * Step 2 of the full check: overlap areas, distances and overlap geometries of the candidates
 * within `withinM`. A candidate Turf throws on becomes an error, never a crash.
 */
export function measureCandidates(
  block: PreparedBlock,
  found: readonly CollectionCandidates[],
  extras: (collection: string, featureId: number) => FeatureExtras,
  clip: Clip,
  errors: MeasurementError[],
): { features: FeatureMeasurement[]; overlaps: OverlapPart[] } {
  const features: FeatureMeasurement[] = [];
  const overlaps: OverlapPart[] = [];
  for (const { collection, withinM, items } of found) {
    for (const item of items) {
      const { featureId, properties } = item;
      const measured = measureOne(block, item, withinM, clip);
      if (!measured.ok) {
        errors.push({ reason: TURF_FAILED, collection, featureId, properties, message: MEASUREMENT_ERROR_MESSAGES[TURF_FAILED], detail: measured.detail });
        continue;
      }
      const { overlapAreaM2, distanceM, part } = measured.value;
      if (distanceM > withinM) continue;
      features.push({ collection, featureId, properties, overlapAreaM2, distanceM, ...extras(collection, featureId) });
      if (part) overlaps.push({ collection, featureId, geometry: part });
    }
  }
  return { features, overlaps };
}
