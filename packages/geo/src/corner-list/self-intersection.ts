import { SELF_INTERSECTION } from '../reasons.ts';
import type { Bilingual } from '@mpm/domain';
import { cornerError } from './errors.ts';
import { orient, toGrid, type GridPoint } from './orientation.ts';
import type { CornerListError, CornerPoint } from './types.ts';

/** How two segments meet. */
type Contact = 'none' | 'touch' | 'cross' | 'overlap';

interface Segment {
  readonly ring: number;
  readonly index: number;
  readonly a: GridPoint;
  readonly b: GridPoint;
  readonly from: string;
  readonly to: string;
}

/** Most crossings reported per polygon; past that the list is noise. */
export const MAX_CROSSINGS_REPORTED = 10;

const within = (p: GridPoint, a: GridPoint, b: GridPoint) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** How segments p1–p2 and q1–q2 meet, decided by exact orientation tests. */
export function contact(p1: GridPoint, p2: GridPoint, q1: GridPoint, q2: GridPoint): Contact {
  const [o1, o2, o3, o4] = [orient(p1, p2, q1), orient(p1, p2, q2), orient(q1, q2, p1), orient(q1, q2, p2)];
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  if (o1 === 0 && o2 === 0) {
    const axis = p1[0] !== p2[0] ? 0 : 1;
    const overlap =
      Math.min(Math.max(p1[axis], p2[axis]), Math.max(q1[axis], q2[axis])) -
      Math.max(Math.min(p1[axis], p2[axis]), Math.min(q1[axis], q2[axis]));
    return overlap > 0 ? 'overlap' : overlap === 0 ? 'touch' : 'none';
  }
  const touches =
    (o1 === 0 && within(q1, p1, p2)) || (o2 === 0 && within(q2, p1, p2)) || (o3 === 0 && within(p1, q1, q2)) || (o4 === 0 && within(p2, q1, q2));
  return touches ? 'touch' : 'none';
}

/** Two segments sharing the vertex `shared` fold back onto each other (a spike). */
function foldsBack(shared: GridPoint, u: GridPoint, v: GridPoint): boolean {
  if (orient(u, shared, v) !== 0) return false;
  // Collinear vectors point the same way when a component product is positive (exact signs).
  const [ux, uy, vx, vy] = [u[0] - shared[0], u[1] - shared[1], v[0] - shared[0], v[1] - shared[1]];
  return ux * vx > 0 || uy * vy > 0;
}

function segments(points: readonly CornerPoint[], ring: number): Segment[] {
  const grid = points.map((p) => toGrid(p.eastingM, p.northingM));
  return grid.map((a, index) => {
    const next = (index + 1) % grid.length;
    return { ring, index, a, b: grid[next], from: points[index].label, to: points[next].label };
  });
}

function meets(s: Segment, t: Segment, ringLength: number): boolean {
  if (s.ring === t.ring) {
    if (t.index === s.index + 1) return foldsBack(s.b, s.a, t.b);
    if (s.index === 0 && t.index === ringLength - 1) return foldsBack(s.a, s.b, t.a);
    return contact(s.a, s.b, t.a, t.b) !== 'none';
  }
  // Rings of one polygon may touch at a point (OGC simple features), never cross or overlap.
  const c = contact(s.a, s.b, t.a, t.b);
  return c === 'cross' || c === 'overlap';
}

function disjointBoxes(s: Segment, t: Segment): boolean {
  return (
    Math.max(s.a[0], s.b[0]) < Math.min(t.a[0], t.b[0]) ||
    Math.max(t.a[0], t.b[0]) < Math.min(s.a[0], s.b[0]) ||
    Math.max(s.a[1], s.b[1]) < Math.min(t.a[1], t.b[1]) ||
    Math.max(t.a[1], t.b[1]) < Math.min(s.a[1], s.b[1])
  );
}

function describe(s: Segment, showRing: boolean): Bilingual {
  const ring = showRing ? { zh: `第 ${s.ring} 圈`, en: `ring ${s.ring} ` } : { zh: '', en: '' };
  return { zh: `${ring.zh}边 ${s.from}–${s.to}`, en: `${ring.en}segment ${s.from}–${s.to}` };
}

/**
 * Finds segments of a polygon's rings (distinct points, open, ≥ 3 each) that cross, touch
 * or overlap: plain O(n²) over segment pairs with a bounding-box reject. Within a ring any
 * contact other than the shared vertex of neighbours is an error; between rings, a crossing
 * or an overlap is.
 */
export function findSelfIntersections(rings: readonly (readonly CornerPoint[])[], polygon: number): CornerListError[] {
  const all = rings.flatMap((points, i) => segments(points, i + 1));
  const errors: CornerListError[] = [];
  for (let i = 0; i < all.length && errors.length < MAX_CROSSINGS_REPORTED; i++) {
    for (let j = i + 1; j < all.length && errors.length < MAX_CROSSINGS_REPORTED; j++) {
      const [s, t] = [all[i], all[j]];
      if (disjointBoxes(s, t) || !meets(s, t, rings[s.ring - 1].length)) continue;
      const showRing = s.ring !== t.ring;
      const where = { polygon, ring: s.ring, point: s.from };
      errors.push(cornerError(SELF_INTERSECTION, where, { first: describe(s, showRing), second: describe(t, showRing) }));
    }
  }
  return errors;
}
