import { HOLE_OUTSIDE } from '../reasons.ts';
import { cornerError } from './errors.ts';
import { orient, toGrid, type GridPoint } from './orientation.ts';
import type { CornerListError, CornerPoint } from './types.ts';

/**
 * Where `p` lies against a ring: 1 inside, 0 on the boundary, -1 outside (crossing number,
 * with exact orientation tests).
 */
export function pointInRing(p: GridPoint, ring: readonly GridPoint[]): -1 | 0 | 1 {
  let inside = false;
  for (let i = 0; i < ring.length; i++) {
    const [a, b] = [ring[i], ring[(i + 1) % ring.length]];
    const side = orient(a, b, p);
    const withinBox = Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
    if (side === 0 && withinBox) return 0;
    // Half-open rule on y counts a vertex once; the side of a upward edge decides the crossing.
    if (a[1] <= p[1] !== b[1] <= p[1] && (b[1] > a[1] ? side > 0 : side < 0)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Checks that every hole lies inside its outer ring. Rings are already known not to cross,
 * so a hole is inside exactly when one of its corners off the outer boundary is.
 */
export function findHolesOutside(rings: readonly (readonly CornerPoint[])[], polygon: number): CornerListError[] {
  const [outer, ...holes] = rings.map((ring) => ring.map((p) => toGrid(p.eastingM, p.northingM)));
  const errors: CornerListError[] = [];
  holes.forEach((hole, i) => {
    const sides = hole.map((p) => pointInRing(p, outer));
    if (!sides.includes(1) && sides.includes(-1)) {
      errors.push(cornerError(HOLE_OUTSIDE, { polygon, ring: i + 2, point: rings[i + 1][0].label }));
    }
  });
  return errors;
}
