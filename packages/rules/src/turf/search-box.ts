import type { Bbox } from './layer-index.ts';

/** The shortest degree of latitude anywhere on GRS80 (at the equator), in metres. */
const MIN_METRES_PER_DEGREE_LAT = 110_574;
/** A degree of longitude on the equator of GRS80, in metres; times cos φ it bounds any parallel from below. */
const METRES_PER_DEGREE_LON_EQUATOR = 111_319.49;
/** Widens the box a little more, so that rounding never drops a feature right at the distance. */
const SAFETY = 1.001;

/**
 * `box` grown by `metres` on every side, in degrees, conservatively: every point within
 * `metres` (geodesic, GRS80) of a point in `box` lies inside the result.
 */
export function expandBox(box: Bbox, metres: number): Bbox {
  if (metres <= 0) return box;
  const dLat = (metres / MIN_METRES_PER_DEGREE_LAT) * SAFETY;
  const minLat = box[1] - dLat;
  const maxLat = box[3] + dLat;
  const farthestLat = Math.max(Math.abs(minLat), Math.abs(maxLat));
  if (farthestLat >= 89) return [-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)];
  const dLon = (metres / (METRES_PER_DEGREE_LON_EQUATOR * Math.cos((farthestLat * Math.PI) / 180))) * SAFETY;
  return [box[0] - dLon, minLat, box[2] + dLon, maxLat];
}
