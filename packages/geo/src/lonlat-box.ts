/** A lon/lat box `[west, south, east, north]` in EPSG:4490 degrees. */
export type LonLatBox = [west: number, south: number, east: number, north: number];

const RAD = Math.PI / 180;

/** The shortest degree of latitude anywhere on GRS80 (at the equator), in metres. */
const MIN_METRES_PER_DEGREE_LAT = 110_574;
/** A degree of longitude on the equator of GRS80, rounded down; times cos φ it bounds any parallel from below. */
const METRES_PER_DEGREE_LON_AT_EQUATOR = 111_319;
/** Headroom over the bounds above, so that rounding never drops a point right at the distance. */
const SAFETY = 1.01;

/**
 * A lon/lat box `[west, south, east, north]` (EPSG:4490 degrees) grown by at least `metres` on
 * every side, conservatively: every point within `metres` (geodesic, GRS80) of a point in the box
 * lies inside the result. For index prefilters ahead of an exact ellipsoidal test. The longitude
 * growth uses the grown edge nearest a pole, where a degree is shortest; near a pole the result
 * spans every longitude. Clamped to ±180° and ±90°.
 */
export function growBox(box: Readonly<LonLatBox>, metres: number): LonLatBox {
  const [west, south, east, north] = box;
  if (metres <= 0) return [west, south, east, north];
  const [dLon, dLat] = growth(box, metres);
  return [Math.max(-180, west - dLon), Math.max(-90, south - dLat), Math.min(180, east + dLon), Math.min(90, north + dLat)];
}

/** growBox's growth of `box` for `metres`, in degrees of longitude and latitude (longitude 360 near a pole). */
function growth([, south, , north]: Readonly<LonLatBox>, metres: number): [dLon: number, dLat: number] {
  const dLat = (metres / MIN_METRES_PER_DEGREE_LAT) * SAFETY;
  const lat = Math.min(90, Math.max(Math.abs(south), Math.abs(north)) + dLat);
  const cos = Math.cos(lat * RAD);
  return [cos < 1e-6 ? 360 : (metres / (METRES_PER_DEGREE_LON_AT_EQUATOR * cos)) * SAFETY, dLat];
}

/**
 * How far a geodesic edge strays from its straight image in the lon/lat plane, allowed for on each
 * of two geometries by {@link planarReach}: about L² tan φ / 8R, under 250 m for an edge up to 80 km
 * long at 53.5° N (China's northernmost latitude); county data's edges are far shorter.
 */
const EDGE_BULGE_M = 250;

/**
 * A distance in lon/lat degrees, measured flat, beyond which two geometries, one of them inside
 * `box`, are certainly more than `metres` apart on the ellipsoid (GRS80, edges as geodesics): a
 * planar `ST_DWithin` with it passes every feature an exact ellipsoidal test within `metres`
 * would keep, and spares that test the others. A degree in any direction is at least the shortest
 * degree growBox uses, and each geometry's edges may stray by EDGE_BULGE_M.
 */
export function planarReach(box: Readonly<LonLatBox>, metres: number): number {
  return Math.max(...growth(box, metres + 2 * EDGE_BULGE_M));
}

/** Whether two lon/lat boxes share any point (edges included). */
export const boxesMeet = (a: Readonly<LonLatBox>, b: Readonly<LonLatBox>): boolean =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The lon/lat box of a point, polygon or multipolygon (EPSG:4490 degrees). */
export function geometryBox(geometry: GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon): LonLatBox {
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1], geometry.coordinates[0], geometry.coordinates[1]];
  const box: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const [x, y] of polygons.flat(2)) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
