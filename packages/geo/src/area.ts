import * as geographiclibNamespace from 'geographiclib-geodesic';
import { M2_PER_HA, M2_PER_KM2, M2_PER_MU, roundTo } from '@mpm/domain';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { GRS80 } from './crs.ts';

// The package is a CommonJS bundle whose exports Node's ESM loader cannot see by name: under
// Node the namespace holds only `default`, under Vite it holds the named exports.
const geographiclib =
  (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;

const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.a, GRS80.f);

/** Geodesic area of one ring in m², unsigned. The closing position may be present or not. */
function ringAreaM2(ring: readonly Position[]): number {
  const polygon = geodesic.Polygon(false);
  const n = closedLength(ring);
  for (let i = 0; i < n; i++) polygon.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

function closedLength(ring: readonly Position[]): number {
  const n = ring.length;
  const [first, last] = [ring[0], ring[n - 1]];
  return n > 1 && first[0] === last[0] && first[1] === last[1] ? n - 1 : n;
}

function polygonAreaM2(rings: readonly (readonly Position[])[]): number {
  if (rings.length === 0) return 0;
  const [outer, ...holes] = rings;
  return holes.reduce((area, hole) => area - ringAreaM2(hole), ringAreaM2(outer));
}

/**
 * Area in m² on the CGCS2000 ellipsoid (GRS80) of a lon/lat (EPSG:4490) polygon or
 * multipolygon, by Karney's geodesic polygon algorithm: holes are subtracted and ring
 * orientation does not matter. Agrees with PostGIS `ST_Area(geom::geography)` for SRID 4490.
 */
export function ellipsoidalAreaM2(geometry: Polygon | MultiPolygon): number {
  if (geometry.type === 'Polygon') return polygonAreaM2(geometry.coordinates);
  return geometry.coordinates.reduce((sum, polygon) => sum + polygonAreaM2(polygon), 0);
}

/** Geodesic distance in metres on GRS80 between two lon/lat positions (Karney's Inverse). */
export function geodesicDistanceM(a: Position, b: Position): number {
  return geodesic.Inverse(a[1], a[0], b[1], b[0], geographiclib.Geodesic.DISTANCE).s12 ?? NaN;
}

function lineLengthM(positions: readonly Position[]): number {
  let length = 0;
  for (let i = 1; i < positions.length; i++) length += geodesicDistanceM(positions[i - 1], positions[i]);
  return length;
}

/**
 * Geodesic length in metres on the CGCS2000 ellipsoid of a lon/lat (EPSG:4490) line, as
 * PostGIS `ST_Length(geom::geography)`.
 */
export function ellipsoidalLengthM(line: LineString | MultiLineString): number {
  if (line.type === 'LineString') return lineLengthM(line.coordinates);
  return line.coordinates.reduce((sum, part) => sum + lineLengthM(part), 0);
}

/** One area in the units the documents mix. */
export interface AreaReport {
  /** Square metres, 2 decimals. */
  readonly areaM2: number;
  /** Mu (亩, 10 000/15 m²), 2 decimals. */
  readonly areaMu: number;
  /** Hectares (公顷), 4 decimals. */
  readonly areaHa: number;
  /** Square kilometres, 4 decimals as the MNR area notice requires. */
  readonly areaKm2: number;
}

/** Reports an area in m², mu, ha and km², each rounded half away from zero. */
export function areaReport(areaM2: number): AreaReport {
  return {
    areaM2: roundTo(areaM2, 2),
    areaMu: roundTo(areaM2 / M2_PER_MU, 2),
    areaHa: roundTo(areaM2 / M2_PER_HA, 4),
    areaKm2: roundTo(areaM2 / M2_PER_KM2, 4),
  };
}
