import type { BBox } from '../layers/layers-repository.ts';

/** Shortest degree of latitude on the GRS80 ellipsoid (at the equator), in metres. */
const MIN_METRES_PER_DEGREE_LAT = 110_574;
/** A degree of longitude at latitude φ is at least this × cos φ metres (equatorial radius × π/180). */
const METRES_PER_DEGREE_LON_AT_EQUATOR = 111_319;
/** Headroom over the bounds above, for rounding. */
const SAFETY = 1.01;

/**
 * A lon/lat box grown by at least `metres` on every side, for an index prefilter (`&&`) ahead
 * of an exact ellipsoidal distance test. The longitude growth uses the box edge nearest a pole,
 * where a degree is shortest; near the poles it spans every longitude.
 */
export function expandBBox([minLon, minLat, maxLon, maxLat]: BBox, metres: number): BBox {
  if (metres <= 0) return [minLon, minLat, maxLon, maxLat];
  const dLat = (metres / MIN_METRES_PER_DEGREE_LAT) * SAFETY;
  const lat = Math.min(90, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const cos = Math.cos((lat * Math.PI) / 180);
  const dLon = cos < 1e-6 ? 360 : (metres / (METRES_PER_DEGREE_LON_AT_EQUATOR * cos)) * SAFETY;
  return [
    Math.max(-180, minLon - dLon),
    Math.max(-90, minLat - dLat),
    Math.min(180, maxLon + dLon),
    Math.min(90, maxLat + dLat),
  ];
}

/** Whether two lon/lat boxes share any point. */
export const bboxesMeet = (a: BBox, b: BBox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
