import { loadGeographicLib } from './geographiclib.ts';
import type { AreaGeometry, Ring } from './types.ts';

/** CGCS2000 uses the GRS80 ellipsoid. */
export const CGCS2000 = { a: 6378137, f: 1 / 298.257222101 } as const;

const geodesic = new (loadGeographicLib().Geodesic.Geodesic)(CGCS2000.a, CGCS2000.f);

/** Unsigned ellipsoidal area of one ring in m² (the closing position may be present or not). */
export function ringAreaM2(ring: Ring): number {
  const polygon = geodesic.Polygon(false);
  const open = ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1];
  for (const [lon, lat] of open ? ring.slice(0, -1) : ring) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/**
 * Ellipsoidal area in m² on CGCS2000 of a Polygon or MultiPolygon (outer rings minus holes),
 * as PostGIS `ST_Area(geom::geography)` reports it.
 */
export function areaM2(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    total += ringAreaM2(outer);
    for (const hole of holes) total -= ringAreaM2(hole);
  }
  return total;
}
