import type { AreaGeometry, Bbox } from './layer-index.ts';

type Position = GeoJSON.Position;

/** One Sutherland–Hodgman pass: the part of an open ring on the inner side of one box edge. */
function clipEdge(ring: readonly Position[], inside: (p: Position) => boolean, cross: (a: Position, b: Position) => Position): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i];
    const previous = ring[(i + ring.length - 1) % ring.length];
    if (inside(current)) {
      if (!inside(previous)) out.push(cross(previous, current));
      out.push(current);
    } else if (inside(previous)) out.push(cross(previous, current));
  }
  return out;
}

const atX = (x: number) => (a: Position, b: Position): Position => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const atY = (y: number) => (a: Position, b: Position): Position => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];

/** A closed ring cut to the box (Sutherland–Hodgman), or null when less than a triangle is left. */
function clipRing(ring: readonly Position[], [minX, minY, maxX, maxY]: Bbox): Position[] | null {
  let open = ring.slice(0, -1);
  open = clipEdge(open, (p) => p[0] >= minX, atX(minX));
  open = clipEdge(open, (p) => p[0] <= maxX, atX(maxX));
  open = clipEdge(open, (p) => p[1] >= minY, atY(minY));
  open = clipEdge(open, (p) => p[1] <= maxY, atY(maxY));
  return open.length >= 3 ? [...open, open[0]] : null;
}

/** A polygon's rings cut to the box; null when its outer ring is gone (its holes go with it). */
function clipPolygon(rings: readonly Position[][], box: Bbox): Position[][] | null {
  const outer = clipRing(rings[0], box);
  if (!outer) return null;
  const holes = rings.slice(1).map((hole) => clipRing(hole, box));
  return [outer, ...holes.filter((hole): hole is Position[] => hole !== null)];
}

/**
 * The step before Turf clips a large feature: the feature cut to `box`, which must hold the block
 * with room to spare. Block ∩ feature is unchanged (the cut runs outside the block), and Turf
 * then works on the few vertices near the block rather than the whole outline. The cut may leave
 * zero-width seams along the box, which Turf's clipping handles; null when nothing is left.
 */
export function clipToBox(geometry: AreaGeometry, box: Bbox): AreaGeometry | null {
  if (geometry.type === 'Polygon') {
    const rings = clipPolygon(geometry.coordinates, box);
    return rings && { type: 'Polygon', coordinates: rings };
  }
  const polygons = geometry.coordinates.map((polygon) => clipPolygon(polygon, box)).filter((rings): rings is Position[][] => rings !== null);
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
