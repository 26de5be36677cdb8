/** A segment of a ring or line: two lon/lat positions. */
export type Segment = readonly [GeoJSON.Position, GeoJSON.Position];

/** A pair of points, one on each geometry, with their planar distance in local metres. */
export interface PointPair {
  a: GeoJSON.Position;
  b: GeoJSON.Position;
  planarM: number;
}

/** Every segment of every ring or line. */
export function segmentsOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.LineString | GeoJSON.MultiLineString): Segment[] {
  const segments: Segment[] = [];
  const visit = (positions: readonly GeoJSON.Position[]) => {
    for (let i = 1; i < positions.length; i++) segments.push([positions[i - 1], positions[i]]);
  };
  if (geometry.type === 'LineString') visit(geometry.coordinates);
  else if (geometry.type === 'MultiLineString' || geometry.type === 'Polygon') geometry.coordinates.forEach(visit);
  else geometry.coordinates.forEach((polygon) => polygon.forEach(visit));
  return segments;
}

const lerp = (p: GeoJSON.Position, q: GeoJSON.Position, t: number): GeoJSON.Position => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];

/**
 * The pairs of closest points between two sets of segments, found in the plane where a degree
 * east is `kx` metres and a degree north `ky` metres: the nearest pair, and any other pair
 * within `slack` (relative) of it, so that the caller can settle near-ties on the ellipsoid.
 * Crossing segments are not detected: the caller has already ruled out intersections.
 */
export function closestPointPairs(from: readonly Segment[], to: readonly Segment[], kx: number, ky: number, slack: number): PointPair[] {
  let best = Infinity;
  let pairs: PointPair[] = [];
  const consider = (p: GeoJSON.Position, q0: GeoJSON.Position, q1: GeoJSON.Position, pointIsFrom: boolean) => {
    const dx = (q1[0] - q0[0]) * kx;
    const dy = (q1[1] - q0[1]) * ky;
    const px = (p[0] - q0[0]) * kx;
    const py = (p[1] - q0[1]) * ky;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / length2)) : 0;
    const ex = px - t * dx;
    const ey = py - t * dy;
    const planarM = Math.sqrt(ex * ex + ey * ey);
    if (planarM > best * (1 + slack)) return;
    if (planarM < best) best = planarM;
    const q = t === 0 ? q0 : t === 1 ? q1 : lerp(q0, q1, t);
    pairs.push(pointIsFrom ? { a: p, b: q, planarM } : { a: q, b: p, planarM });
    if (pairs.length > 64) pairs = pairs.filter((pair) => pair.planarM <= best * (1 + slack));
  };
  for (const [a0, a1] of from) {
    for (const [b0, b1] of to) {
      consider(a0, b0, b1, true);
      consider(a1, b0, b1, true);
      consider(b0, a0, a1, false);
      consider(b1, a0, a1, false);
    }
  }
  return pairs.filter((pair) => pair.planarM <= best * (1 + slack));
}
