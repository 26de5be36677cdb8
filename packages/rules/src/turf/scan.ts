import type { CollectionId } from '@mpm/domain';
import { ellipsoidalAreaM2, growBox } from '@mpm/geo';
import type { BlockGeometry } from '../engine.ts';
import type { MeasurementRequest } from '../types.ts';
import { blockOutline, type BlockOutline } from './distance.ts';
import { bboxOf, candidatesIn, type IndexedFeature, type LayerIndex } from './layer-index.ts';
import { FEATURE_UNREADABLE, LAYER_NOT_LOADED, MEASUREMENT_ERROR_MESSAGES } from './reasons.ts';
import type { AreaShape } from './relate.ts';
import type { MeasurementError } from './types.ts';

/** The block, prepared once per check for Turf and for distances. */
export interface PreparedBlock extends AreaShape {
  outline: BlockOutline;
}

/** The candidates of one requested collection: features whose boxes come within `withinM`. */
export interface CollectionCandidates {
  collection: CollectionId;
  withinM: number;
  items: IndexedFeature[];
}

/** Wraps the block (never copying or altering it) and computes its box, area and outline. */
export function prepareBlock(block: BlockGeometry): PreparedBlock {
  const box = bboxOf(block);
  const areaM2 = ellipsoidalAreaM2(block);
  return {
    feature: { type: 'Feature', properties: {}, geometry: block },
    box,
    areaM2: () => areaM2,
    outline: blockOutline(block, (box[1] + box[3]) / 2),
  };
}

/**
 * Step 1 of every check: per requested collection, the features whose bounding boxes lie within
 * `withinM` of the block's box (from the flatbush index, never a scan), in feature-id order.
 * Collections the engine was not given, and features it could not index, become errors.
 */
export function candidates(
  layers: ReadonlyMap<CollectionId, LayerIndex>,
  block: PreparedBlock,
  request: MeasurementRequest,
  errors: MeasurementError[],
): CollectionCandidates[] {
  const found: CollectionCandidates[] = [];
  for (const { collection, withinM } of request.collections) {
    const layer = layers.get(collection);
    if (!layer) {
      errors.push({ reason: LAYER_NOT_LOADED, collection, message: MEASUREMENT_ERROR_MESSAGES[LAYER_NOT_LOADED] });
      continue;
    }
    for (const { featureId, properties } of layer.skipped) {
      errors.push({ reason: FEATURE_UNREADABLE, collection, featureId, properties, message: MEASUREMENT_ERROR_MESSAGES[FEATURE_UNREADABLE] });
    }
    const items = candidatesIn(layer, growBox(block.box, withinM)).sort((a, b) => a.featureId - b.featureId);
    found.push({ collection, withinM, items });
  }
  return found;
}
