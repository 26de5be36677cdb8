import type { AreaGeometry, Bbox } from './layer-index.ts';
import { inRing, segmentsMeet } from './planar.ts';

/**
 * How a block and an area feature lie when their boundaries never meet: apart, one inside the
 * other, or `needsClipping` (they meet, or the shapes are not single rings, or a vertex sits so
 * close to the other boundary that floating point cannot tell).
 */
export type Containment = 'apart' | 'featureInside' | 'blockInside' | 'needsClipping';

type Ring = readonly GeoJSON.Position[];

/** Whether any edge of `a` meets any edge of `b` (edges of `b` outside `aBox` are skipped). */
function ringsMeet(a: Ring, aBox: Bbox, b: Ring): boolean {
  for (let j = 1; j < b.length; j++) {
    const q1 = b[j - 1];
    const q2 = b[j];
    if (Math.max(q1[0], q2[0]) < aBox[0] || Math.min(q1[0], q2[0]) > aBox[2]) continue;
    if (Math.max(q1[1], q2[1]) < aBox[1] || Math.min(q1[1], q2[1]) > aBox[3]) continue;
    for (let i = 1; i < a.length; i++) if (segmentsMeet(a[i - 1], a[i], q1, q2)) return true;
  }
  return false;
}

/** 1 when every vertex of `ring` is inside `other`, 0 when none is, -1 when they disagree. */
function verticesIn(ring: Ring, other: Ring): 1 | 0 | -1 {
  const first = inRing(ring[0], other);
  for (let i = 1; i < ring.length - 1; i++) if (inRing(ring[i], other) !== first) return -1;
  return first ? 1 : 0;
}

/** The single ring of a one-ring polygon, or null. */
function singleRing(geometry: AreaGeometry): Ring | null {
  if (geometry.type === 'Polygon') return geometry.coordinates.length === 1 ? geometry.coordinates[0] : null;
  return geometry.coordinates.length === 1 && geometry.coordinates[0].length === 1 ? geometry.coordinates[0][0] : null;
}

/**
 * The step before clipping: decides apart / inside without Turf when both are one-ring polygons
 * whose edges never meet; block ∩ feature is then exactly empty, the feature, or the block.
 */
export function containment(block: AreaGeometry, blockBox: Bbox, feature: AreaGeometry): Containment {
  const a = singleRing(block);
  const b = singleRing(feature);
  if (!a || !b || ringsMeet(a, blockBox, b)) return 'needsClipping';
  const featureInBlock = verticesIn(b, a);
  if (featureInBlock === 1) return 'featureInside';
  if (featureInBlock === -1) return 'needsClipping';
  const blockInFeature = verticesIn(a, b);
  return blockInFeature === 1 ? 'blockInside' : blockInFeature === 0 ? 'apart' : 'needsClipping';
}
