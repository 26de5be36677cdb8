import { cleanRing, roundCoordinate } from './geometry.ts';
import { ringAreaM2 } from './geodesic.ts';
import type { Polygon, Position, Ring } from './types.ts';

/** One coordinate step: the last kept decimal (1e-7°, about 1 cm). */
const STEP = 1e-7;

/** `ring` (closed) scaled by `factor` about `centre`, rounded and closed again. */
function scaleRing(ring: Ring, centre: Position, factor: number): Ring {
  const scaled = ring.map(([lon, lat]): Position => [
    centre[0] + (lon - centre[0]) * factor,
    centre[1] + (lat - centre[1]) * factor,
  ]);
  const cleaned = cleanRing(scaled, true);
  if (!cleaned) throw new Error('ring collapsed while scaling');
  return cleaned;
}

/** The open ring with vertex `index` moved one step along `axis` (0 lon, 1 lat) in `direction`. */
function nudge(open: Position[], index: number, axis: 0 | 1, direction: 1 | -1): Position[] {
  const moved = open.slice();
  const p: Position = [...open[index]];
  p[axis] = roundCoordinate(p[axis] + direction * STEP);
  moved[index] = p;
  return moved;
}

const closed = (open: Position[]): Ring => [...open, open[0]];

/**
 * `polygon` (one ring, no holes) resized so that its ellipsoidal area is within
 * `toleranceM2` of `targetM2`: first scaled about its vertex centroid, then nudged one
 * vertex at a time by the smallest coordinate step. Coordinates stay rounded to 7 decimals
 * throughout, so what is written to file has exactly the fitted area.
 */
export function fitArea(polygon: Polygon, targetM2: number, toleranceM2 = 0.25): Polygon {
  if (polygon.coordinates.length !== 1) throw new Error('fitArea takes a polygon without holes');
  const ring = polygon.coordinates[0];
  const open = ring.slice(0, -1);
  const centre: Position = [
    open.reduce((sum, p) => sum + p[0], 0) / open.length,
    open.reduce((sum, p) => sum + p[1], 0) / open.length,
  ];
  let factor = 1;
  let fitted = ring;
  for (let i = 0; i < 8; i++) {
    factor *= Math.sqrt(targetM2 / ringAreaM2(fitted));
    fitted = scaleRing(ring, centre, factor);
  }
  let current = fitted.slice(0, -1);
  let error = ringAreaM2(fitted) - targetM2;
  for (let iteration = 0; Math.abs(error) > toleranceM2; iteration++) {
    if (iteration > 500) throw new Error(`cannot fit area ${targetM2} m² (off by ${error} m²)`);
    let best = { error, ring: current };
    for (let index = 0; index < current.length; index++) {
      for (const axis of [0, 1] as const) {
        for (const direction of [1, -1] as const) {
          const candidate = nudge(current, index, axis, direction);
          const candidateError = ringAreaM2(closed(candidate)) - targetM2;
          if (Math.abs(candidateError) < Math.abs(best.error)) best = { error: candidateError, ring: candidate };
        }
      }
    }
    if (best.ring === current) throw new Error(`cannot fit area ${targetM2} m² (stuck at ${error} m²)`);
    current = best.ring;
    error = best.error;
  }
  return { type: 'Polygon', coordinates: [closed(current)] };
}
