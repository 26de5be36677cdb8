/** A point on the screen, in CSS pixels from the map's top-left corner. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * How near the pointer must come, in screen pixels, for a dragged or drawn corner to snap to a
 * neighbour's corner or boundary: 10 px, about a fingertip's width on a desktop screen and well
 * above a mouse's jitter, yet small enough at working zooms (1:2 000–1:10 000) not to pull a
 * corner onto a boundary it was not aimed at.
 */
export const SNAP_TOLERANCE_PX = 10;

/** Where a corner went: snapped to a neighbour's corner, to its edge, or left where the pointer is. */
export type Snapped = { kind: 'vertex' | 'edge'; position: GeoJSON.Position } | null;

/**
 * The position a corner snaps to, if any: the nearest corner of the neighbours' `lines` (rings,
 * in lon/lat) within `tolerancePx` of the pointer, else the nearest point on one of their edges
 * within it, else null. Corners win over edges so that boundaries meet corner to corner when the
 * officer aims at one. Distances are measured on the screen (`project`), so the tolerance is the
 * same at every zoom; a point on an edge is placed on the edge in lon/lat (linear between its two
 * corners, which over a few pixels is the edge as drawn).
 */
export function snapPosition(
  pointer: ScreenPoint,
  lines: readonly (readonly GeoJSON.Position[])[],
  project: (position: GeoJSON.Position) => ScreenPoint,
  tolerancePx = SNAP_TOLERANCE_PX,
): Snapped {
  let vertex: { position: GeoJSON.Position; d: number } | null = null;
  let edge: { position: GeoJSON.Position; d: number } | null = null;
  for (const line of lines) {
    const screen = line.map(project);
    screen.forEach((p, i) => {
      const d = Math.hypot(p.x - pointer.x, p.y - pointer.y);
      if (d <= tolerancePx && (!vertex || d < vertex.d)) vertex = { position: line[i], d };
      if (i === 0) return;
      const a = screen[i - 1];
      const [dx, dy] = [p.x - a.x, p.y - a.y];
      const lengthSq = dx * dx + dy * dy;
      if (lengthSq === 0) return;
      const t = Math.max(0, Math.min(1, ((pointer.x - a.x) * dx + (pointer.y - a.y) * dy) / lengthSq));
      const e = Math.hypot(a.x + t * dx - pointer.x, a.y + t * dy - pointer.y);
      if (e <= tolerancePx && (!edge || e < edge.d)) {
        const [from, to] = [line[i - 1], line[i]];
        edge = { position: [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])], d: e };
      }
    });
  }
  const found = vertex as { position: GeoJSON.Position } | null;
  if (found) return { kind: 'vertex', position: found.position };
  const along = edge as { position: GeoJSON.Position } | null;
  return along ? { kind: 'edge', position: along.position } : null;
}

/** The rings of a polygon or multipolygon, as snapping targets. */
export const ringsOf = (geometry: GeoJSON.Geometry): GeoJSON.Position[][] =>
  geometry.type === 'Polygon' ? geometry.coordinates : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];

/** Whether `point` lies inside a polygon or multipolygon (even–odd rule over all its rings). */
export function containsPoint(geometry: GeoJSON.Geometry, [x, y]: GeoJSON.Position): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/** Rings with their extents, so a pointer looks only at the few near it (a county has thousands of corners). */
export interface SnapIndex {
  /** The rings whose extent comes within `[west, south, east, north]`. */
  near(bounds: readonly [number, number, number, number]): GeoJSON.Position[][];
}

export function snapIndex(rings: readonly GeoJSON.Position[][]): SnapIndex {
  const boxed = rings.map((ring) => {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return { ring, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const };
  });
  return {
    near: ([w, s, e, n]) => boxed.filter(({ box }) => box[0] <= e && box[2] >= w && box[1] <= n && box[3] >= s).map((b) => b.ring),
  };
}
