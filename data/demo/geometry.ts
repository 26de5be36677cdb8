import * as turf from '@turf/turf';
import { areaM2 } from './geodesic.ts';
import type { LocalFrame } from './frame.ts';
import type { AreaGeometry, LineString, MultiPolygon, PointM, Polygon, Position, Ring } from './types.ts';

/** Decimal places kept in every coordinate: 1e-7° is about 1 cm. */
export const COORDINATE_DECIMALS = 7;
const SCALE = 10 ** COORDINATE_DECIMALS;

/** `value` rounded to {@link COORDINATE_DECIMALS} decimals. */
export const roundCoordinate = (value: number): number => Math.round(value * SCALE) / SCALE;

const roundPosition = ([lon, lat]: readonly number[]): Position => [roundCoordinate(lon), roundCoordinate(lat)];

const samePosition = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** Twice the signed planar area of a ring in degrees²; positive when counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/**
 * A clean ring from any list of positions: rounded, without repeated consecutive positions,
 * closed, and wound counter-clockwise (`outer`) or clockwise (holes), as RFC 7946 asks.
 * Returns null when fewer than three distinct positions are left.
 */
export function cleanRing(positions: readonly (readonly number[])[], outer: boolean): Ring | null {
  const ring: Ring = [];
  for (const p of positions.map(roundPosition)) if (ring.length === 0 || !samePosition(ring.at(-1)!, p)) ring.push(p);
  if (ring.length > 1 && samePosition(ring[0], ring.at(-1)!)) ring.pop();
  if (ring.length < 3) return null;
  ring.push(ring[0]);
  return signedArea(ring) > 0 === outer ? ring : ring.reverse();
}

/** A polygon's rings cleaned by {@link cleanRing}; null when the outer ring degenerates. */
function cleanPolygonRings(rings: readonly (readonly (readonly number[])[])[]): Ring[] | null {
  const outer = cleanRing(rings[0], true);
  if (!outer) return null;
  const holes = rings.slice(1).map((hole) => cleanRing(hole, false));
  return [outer, ...holes.filter((hole): hole is Ring => hole !== null)];
}

/**
 * Any turf Polygon/MultiPolygon geometry as a clean {@link AreaGeometry}: rounded, wound per
 * RFC 7946, a MultiPolygon of one part becoming a Polygon. Null when nothing is left.
 */
export function cleanArea(geometry: {
  type: string;
  coordinates: readonly unknown[];
}): AreaGeometry | null {
  const parts = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as readonly (readonly (readonly number[])[])[][];
  const polygons = parts.map(cleanPolygonRings).filter((rings): rings is Ring[] => rings !== null);
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** A polygon from an open outline in local metres. */
export function polygonFromOutline(frame: LocalFrame, outline: readonly PointM[]): Polygon {
  const ring = cleanRing(outline.map(frame.toLonLat), true);
  if (!ring) throw new Error('outline has fewer than three distinct corners');
  return { type: 'Polygon', coordinates: [ring] };
}

/** A line string from positions: rounded, without repeated consecutive positions. */
export function lineFromPositions(positions: readonly (readonly number[])[]): LineString {
  const coordinates: Position[] = [];
  for (const p of positions.map(roundPosition)) {
    if (coordinates.length === 0 || !samePosition(coordinates.at(-1)!, p)) coordinates.push(p);
  }
  return { type: 'LineString', coordinates };
}

/** A line string from a polyline in local metres. */
export const lineFromPolyline = (frame: LocalFrame, polyline: readonly PointM[]): LineString =>
  lineFromPositions(polyline.map(frame.toLonLat));

/** Several polygons as one MultiPolygon. */
export function multiPolygon(parts: readonly Polygon[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: parts.map((part) => part.coordinates) };
}

const asTurf = (geometry: AreaGeometry) => turf.feature(geometry);

/** The intersection of two areas, or null when they do not overlap. */
export function intersection(a: AreaGeometry, b: AreaGeometry): AreaGeometry | null {
  const result = turf.intersect(turf.featureCollection([asTurf(a), asTurf(b)]));
  return result ? cleanArea(result.geometry) : null;
}

/** `a` minus `b`, or null when nothing is left. */
export function difference(a: AreaGeometry, b: AreaGeometry): AreaGeometry | null {
  const result = turf.difference(turf.featureCollection([asTurf(a), asTurf(b)]));
  return result ? cleanArea(result.geometry) : null;
}

/** The union of several areas. */
export function union(parts: readonly AreaGeometry[]): AreaGeometry {
  if (parts.length === 1) return parts[0];
  const result = turf.union(turf.featureCollection(parts.map(asTurf)));
  const cleaned = result ? cleanArea(result.geometry) : null;
  if (!cleaned) throw new Error('union of areas is empty');
  return cleaned;
}

/** `geometry` grown outwards by `distanceM` metres. */
export function buffer(geometry: AreaGeometry, distanceM: number): AreaGeometry {
  const result = turf.buffer(asTurf(geometry), distanceM, { units: 'meters', steps: 6 });
  const cleaned = result ? cleanArea(result.geometry) : null;
  if (!cleaned) throw new Error('buffer is empty');
  return cleaned;
}

/** Ellipsoidal area (m²) of the overlap of `a` and `b`; 0 when they do not overlap. */
export function overlapM2(a: AreaGeometry, b: AreaGeometry): number {
  const common = intersection(a, b);
  return common ? areaM2(common) : 0;
}

/** Ellipsoidal area (m²) of the part of `inner` outside `outer`. */
export function outsideM2(inner: AreaGeometry, outer: AreaGeometry): number {
  const rest = difference(inner, outer);
  return rest ? areaM2(rest) : 0;
}

/** Whether `position` lies inside `area` (boundary included). */
export const containsPosition = (area: AreaGeometry, position: Position): boolean =>
  turf.booleanPointInPolygon(position, asTurf(area));

/** The mean of an area's outer-ring vertices, as turf's `centroid` computes it. */
export function vertexCentroid(area: AreaGeometry): Position {
  const [lon, lat] = turf.centroid(asTurf(area)).geometry.coordinates;
  return [lon, lat];
}
