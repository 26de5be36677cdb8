import { closestPointPairs, segmentsOf, type Segment } from './closest-points.ts';
import { geodesicDistanceM, metresPerDegree } from '@mpm/geo';
import type { AreaGeometry, LineGeometry } from './layer-index.ts';

/**
 * Pairs whose planar distance is within this fraction of the nearest are measured on the
 * ellipsoid too: the local plane's scale error over a county (< 1e-3) cannot then pick the
 * wrong pair.
 */
const NEAR_TIE = 2e-3;

/** The block's segments and the local scale at its latitude, computed once per check. */
export interface BlockOutline {
  segments: Segment[];
  kx: number;
  ky: number;
}

/** Prepares a block for {@link distanceToBlockM}. */
export function blockOutline(block: AreaGeometry, centreLat: number): BlockOutline {
  const { x, y } = metresPerDegree(centreLat);
  return { segments: segmentsOf(block), kx: x, ky: y };
}

/**
 * Geodesic (GRS80) distance in metres between the block's boundary and a feature that does not
 * intersect it: closest points found in the local plane, then measured with Karney's Inverse.
 * Infinity for a feature without segments.
 */
export function distanceToBlockM(outline: BlockOutline, geometry: AreaGeometry | LineGeometry): number {
  const pairs = closestPointPairs(outline.segments, segmentsOf(geometry), outline.kx, outline.ky, NEAR_TIE);
  let distance = Infinity;
  for (const { a, b, planarM } of pairs) distance = Math.min(distance, planarM === 0 ? 0 : geodesicDistanceM(a, b));
  return distance;
}
