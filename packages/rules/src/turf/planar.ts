type Position = GeoJSON.Position;

const orient = (a: Position, b: Position, c: Position): number => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

const between = (a: number, b: number, x: number): boolean => (a <= b ? a <= x && x <= b : b <= x && x <= a);

const onSegment = (d: number, a: Position, b: Position, x: Position): boolean =>
  d === 0 && between(a[0], b[0], x[0]) && between(a[1], b[1], x[1]);

/** Whether segments p1p2 and q1q2 share a point in the lon/lat plane, touching and overlapping included. */
export function segmentsMeet(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const d1 = orient(q1, q2, p1);
  const d2 = orient(q1, q2, p2);
  const d3 = orient(p1, p2, q1);
  const d4 = orient(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(d1, q1, q2, p1) || onSegment(d2, q1, q2, p2) || onSegment(d3, p1, p2, q1) || onSegment(d4, p1, p2, q2);
}

/** Even-odd point in ring (closed: the last position repeats the first). */
export function inRing(point: Position, ring: readonly Position[]): boolean {
  let inside = false;
  const [x, y] = point;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1];
    const b = ring[i];
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Even-odd point in a set of rings: inside an outer ring and not in one of its holes. */
export function inRings(point: Position, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) if (inRing(point, ring)) inside = !inside;
  return inside;
}

/** Every ring of a polygon or multipolygon, outer rings and holes alike. */
export const ringsOf = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Position[][] =>
  geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
