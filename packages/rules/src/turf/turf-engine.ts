import type { CollectionId } from '@mpm/domain';
import type { BlockGeometry } from '../engine.ts';
import type { MeasurementRequest } from '../types.ts';
import { flagCandidates } from './classify.ts';
import { createClipMemo } from './clip-memo.ts';
import { indexLayer, type LayerIndex } from './layer-index.ts';
import { measureCandidates } from './measure.ts';
import { DEFAULT_TURF_ENGINE_OPTIONS, type TurfEngineOptions } from './options.ts';
import { MEASUREMENT_ERROR_MESSAGES, RIGHT_HOLDERS_INCOMPLETE, ZONE_RIGHTS_INCOMPLETE, type MeasurementErrorReason } from './reasons.ts';
import { rightHoldersOf, zoneRightsOf } from './right-holders.ts';
import { candidates, prepareBlock } from './scan.ts';
import type { FeatureExtras, MeasurementError, TurfCheck, TurfEngine, TurfFlags, TurfLayer } from './types.ts';

/**
 * Makes the browser geometry engine over the loaded layers (EPSG:4490 lon/lat). Each layer is
 * indexed once with flatbush, and the holders of every mining planning block are found once; a
 * check then looks only at features whose boxes come within the requested distance.
 *
 * Two entries, because overlap areas are the expensive part of a check:
 * - `classify`: flags only (`booleanIntersects`, distances), for every edit while drawing;
 * - `measure` / `measureWithOverlaps`: ellipsoidal overlap areas as well, for `evaluate`, right
 *   after the flags. A `measure` without areas would hand `evaluate` zeros that read as "no
 *   overlap", so the fast path returns a different type instead of an option.
 *
 * Layers given twice for one collection are merged. The layers must not change afterwards.
 */
export function createTurfEngine(layers: readonly TurfLayer[], options: Partial<TurfEngineOptions> = {}): TurfEngine {
  const settings = { ...DEFAULT_TURF_ENGINE_OPTIONS, ...options };
  const merged = new Map<CollectionId, GeoJSON.Feature[]>();
  for (const { collection, features } of layers) merged.set(collection, [...(merged.get(collection) ?? []), ...features]);
  const indexes = new Map<CollectionId, LayerIndex>();
  for (const [collection, features] of merged) indexes.set(collection, indexLayer({ collection, features }, settings.nodeSize));
  const holders = rightHoldersOf(indexes.get('mining_blocks'), indexes.get('mining_rights'), settings.holderOverlapToleranceM2);
  const zoneRights = zoneRightsOf(indexes.get('concentrated_zones'), indexes.get('mining_rights'), settings.holderOverlapToleranceM2);
  const memo = createClipMemo();
  const extrasOf = (collection: string, featureId: number): FeatureExtras => {
    if (collection === 'mining_blocks') return { rightHolders: [...(holders.byBlock.get(featureId) ?? [])] };
    if (collection === 'concentrated_zones') return { rightsInside: (zoneRights.byZone.get(featureId) ?? []).map((r) => ({ ...r })) };
    return {};
  };
  /** Per collection: the features whose holders or rights Turf could not find, and why. */
  const incomplete: Partial<Record<CollectionId, { reason: MeasurementErrorReason; failed: Map<number, string> }>> = {
    mining_blocks: { reason: RIGHT_HOLDERS_INCOMPLETE, failed: holders.failed },
    concentrated_zones: { reason: ZONE_RIGHTS_INCOMPLETE, failed: zoneRights.failed },
  };

  /** Errors of planning blocks and zones whose rights Turf could not find, for those in the answer. */
  const holderErrors = (found: readonly { collection: CollectionId; featureId: number; properties: Record<string, unknown> }[]) =>
    found.flatMap((f): MeasurementError[] => {
      const known = incomplete[f.collection];
      if (!known?.failed.has(f.featureId)) return [];
      const { reason, failed } = known;
      return [{ reason, collection: f.collection, featureId: f.featureId, properties: f.properties, message: MEASUREMENT_ERROR_MESSAGES[reason], detail: failed.get(f.featureId) }];
    });

  /** Errors in request order, then by feature id (whole-layer errors first). */
  const ordered = (errors: MeasurementError[], request: MeasurementRequest) => {
    const rank = (e: MeasurementError) => request.collections.findIndex((c) => c.collection === e.collection);
    return errors.sort((a, b) => rank(a) - rank(b) || (a.featureId ?? 0) - (b.featureId ?? 0));
  };

  const measureWithOverlaps = (block: BlockGeometry, request: MeasurementRequest): TurfCheck => {
    const errors: MeasurementError[] = [];
    const prepared = prepareBlock(block);
    const { features, overlaps } = measureCandidates(prepared, candidates(indexes, prepared, request, errors), extrasOf, memo.begin(block), errors);
    errors.push(...holderErrors(features));
    return { measurements: { blockAreaM2: prepared.areaM2(), features, errors: ordered(errors, request) }, overlaps };
  };

  const classify = (block: BlockGeometry, request: MeasurementRequest): TurfFlags => {
    const errors: MeasurementError[] = [];
    const prepared = prepareBlock(block);
    const features = flagCandidates(prepared, candidates(indexes, prepared, request, errors), extrasOf, errors);
    errors.push(...holderErrors(features));
    return { blockAreaM2: prepared.areaM2(), features, errors: ordered(errors, request) };
  };

  return {
    measure: (block, request) => measureWithOverlaps(block, request).measurements,
    measureWithOverlaps,
    classify,
    skipped: [...indexes.values()].flatMap((layer) => layer.skipped),
  };
}
