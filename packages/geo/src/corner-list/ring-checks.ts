import { DUPLICATE_POINT, RING_NOT_CLOSED, TOO_FEW_POINTS } from '../reasons.ts';
import { cornerError } from './errors.ts';
import type { CornerListError, CornerPoint } from './types.ts';

const samePosition = (a: CornerPoint, b: CornerPoint) => a.northingM === b.northingM && a.eastingM === b.eastingM;

/**
 * Checks one ring as written: closed when the format requires it, no point repeating the one
 * before it, at least 3 distinct points. Returns the ring without its closing repeat.
 */
export function checkRing(
  written: readonly CornerPoint[],
  place: { readonly polygon: number; readonly ring: number },
  requireClosure: boolean,
): { readonly points: readonly CornerPoint[]; readonly errors: readonly CornerListError[] } {
  const errors: CornerListError[] = [];
  const first = written[0];
  const last = written[written.length - 1];
  const closed = written.length > 1 && samePosition(first, last);
  if (requireClosure && !closed && written.length > 0) {
    errors.push(cornerError(RING_NOT_CLOSED, { ...place, point: last.label }, { first: first.label, last: last.label }));
  }
  const points = closed ? written.slice(0, -1) : written;
  for (let i = 1; i < points.length; i++) {
    const [previous, point] = [points[i - 1], points[i]];
    if (samePosition(previous, point)) {
      const where = { ...place, line: point.line, point: point.label };
      errors.push(cornerError(DUPLICATE_POINT, where, { previous: previous.label, point: point.label }));
    }
  }
  if (points.length > 2 && samePosition(points[points.length - 1], points[0])) {
    // Closed twice: the last distinct corner is the first one again.
    const point = points[points.length - 1];
    errors.push(cornerError(DUPLICATE_POINT, { ...place, line: point.line, point: point.label }, { previous: points[0].label, point: point.label }));
  }
  const distinct = new Set(points.map((p) => `${p.northingM},${p.eastingM}`)).size;
  if (distinct < 3) errors.push(cornerError(TOO_FEW_POINTS, { ...place, point: first?.label }, { count: distinct }));
  return { points, errors };
}
