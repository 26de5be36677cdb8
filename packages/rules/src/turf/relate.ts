import { booleanIntersects } from '@turf/boolean-intersects';
import { intersect } from '@turf/intersect';
import { boxesMeet, ellipsoidalAreaM2 } from '@mpm/geo';
import { clipToBox } from './box-clip.ts';
import { containment } from './containment.ts';
import type { AreaGeometry, Bbox, IndexedFeature } from './layer-index.ts';

/** A Turf answer, or what Turf threw. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; detail: string };

/** An area as the overlap step needs it: the feature for Turf, its box, its ellipsoidal area (m²). */
export interface AreaShape {
  feature: GeoJSON.Feature<AreaGeometry>;
  box: Bbox;
  areaM2(): number;
}

/** The part two areas share, and its ellipsoidal area in m². */
export interface Overlap {
  geometry: AreaGeometry;
  areaM2: number;
}

const attempt = <T>(run: () => T): Attempt<T> => {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
};

/** An indexed area feature as an {@link AreaShape}; its area is computed once, on first use. */
export function areaShapeOf(item: IndexedFeature): AreaShape {
  return {
    feature: item.feature as GeoJSON.Feature<AreaGeometry>,
    box: item.bbox,
    areaM2: () => (item.areaM2 ??= ellipsoidalAreaM2(item.feature.geometry as AreaGeometry)),
  };
}

/** Turf `booleanIntersects` (touching counts), skipped when the boxes are apart; never throws. */
export function intersectsBlock(block: AreaShape, item: IndexedFeature): Attempt<boolean> {
  if (!boxesMeet(block.box, item.bbox)) return { ok: true, value: false };
  return attempt(() => booleanIntersects(block.feature, item.feature));
}

/**
 * `block` ∩ `area` as Turf `intersect` gives it, with its ellipsoidal area; null when they share
 * no area. When the boundaries never meet the answer is exact without Turf (apart, or one inside
 * the other); otherwise Turf clips the block with the feature cut to the block's box, through
 * `clip` (which may answer from memory). Never throws.
 */
export function overlapWithBlock(
  block: AreaShape,
  area: AreaShape,
  clip: (run: () => Attempt<Overlap | null>) => Attempt<Overlap | null> = (run) => run(),
): Attempt<Overlap | null> {
  if (!boxesMeet(block.box, area.box)) return { ok: true, value: null };
  const relation = attempt(() => containment(block.feature.geometry, block.box, area.feature.geometry));
  if (!relation.ok) return relation;
  if (relation.value === 'apart') return { ok: true, value: null };
  if (relation.value === 'featureInside') return { ok: true, value: { geometry: area.feature.geometry, areaM2: area.areaM2() } };
  if (relation.value === 'blockInside') return { ok: true, value: { geometry: block.feature.geometry, areaM2: block.areaM2() } };
  return clip(() => attempt(() => clipWithTurf(block, area)));
}

/** Room left around the block when a feature is cut to its box: 1 % of its size, at least ~1 cm. */
const CUT_MARGIN = { fraction: 0.01, minDeg: 1e-7 };

/** Turf `intersect` of the block with the feature cut to the block's box; uncut if Turf throws on the cut. */
function clipWithTurf(block: AreaShape, area: AreaShape): Overlap | null {
  const [minX, minY, maxX, maxY] = block.box;
  const margin = Math.max(CUT_MARGIN.minDeg, CUT_MARGIN.fraction * Math.max(maxX - minX, maxY - minY));
  const box: Bbox = [minX - margin, minY - margin, maxX + margin, maxY + margin];
  const whole = area.feature.geometry;
  const inBox = area.box[0] >= box[0] && area.box[1] >= box[1] && area.box[2] <= box[2] && area.box[3] <= box[3];
  const cut = inBox ? whole : clipToBox(whole, box);
  if (!cut) return null;
  const turf = (geometry: AreaGeometry) =>
    intersect<GeoJSON.GeoJsonProperties>({ type: 'FeatureCollection', features: [block.feature, { type: 'Feature', properties: {}, geometry }] });
  let part: ReturnType<typeof turf>;
  try {
    part = turf(cut);
  } catch (error) {
    if (cut === whole) throw error;
    part = turf(whole);
  }
  return part ? { geometry: part.geometry, areaM2: ellipsoidalAreaM2(part.geometry) } : null;
}
