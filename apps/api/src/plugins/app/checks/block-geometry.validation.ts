import type { BBox } from '../layers/layers-repository.ts';
import {
  BAD_POSITION,
  BLOCK_MESSAGES as M,
  LON_LAT_SWAPPED,
  MALFORMED_COORDINATES,
  NOT_A_NUMBER,
  NOT_A_POLYGON,
  OUT_OF_RANGE,
  PROJECTED_METRES,
  RING_NOT_CLOSED,
  TOO_FEW_POSITIONS,
  TOO_MANY_VERTICES,
  invalid,
  type Spot,
  type Validation,
} from './block-reasons.ts';

/**
 * Most positions a block may have: registration files allow fewer than 1 000 corners; a drawn
 * or traced block gets twice that. Bounds the crossing check (O(n²), ~35 ms at this size) and
 * the PostGIS work, which on PGlite holds its one connection.
 */
export const MAX_BLOCK_VERTICES = 2_000;

/** Beyond this magnitude a "degree" is surely metres of a projected CRS. */
const PROJECTED_LIMIT = 1_000;

/** A block whose structure and every coordinate were checked; the input is returned unchanged. */
export interface CheckedBlock {
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox: BBox;
  vertexCount: number;
}

export interface BlockContext {
  /** The county's extent: when it lies in China, [lat, lon] pairs there are recognised as swapped. */
  countyBbox?: BBox | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether a lon/lat box lies in China (where [lat, lon] pairs can be recognised as swapped). */
export const inChina = (bbox: BBox) => bbox[0] >= 70 && bbox[2] <= 140 && bbox[1] >= 15 && bbox[3] <= 55;

const EXPECTED = {
  polygons: { zh: '非空的多边形数组', en: 'a non-empty array of polygons' },
  rings: { zh: '非空的环数组', en: 'a non-empty array of rings' },
  positions: { zh: '坐标数组', en: 'an array of positions' },
  position: { zh: '[经度, 纬度] 数组', en: 'a [lon, lat] array' },
};

/**
 * Checks one position: two or three finite numbers, lon/lat in range, not projected metres and
 * (when `swappable`) not [lat, lon]. Returns the problem placed at `where`, or undefined.
 */
export function checkPosition(position: unknown, where: Spot, swappable: boolean): Validation<never> | undefined {
  if (!Array.isArray(position)) return invalid(MALFORMED_COORDINATES, M.malformedCoordinates(where, EXPECTED.position));
  if (position.length < 2 || position.length > 3) return invalid(BAD_POSITION, M.badPosition(where, position.length));
  for (const value of position) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(NOT_A_NUMBER, M.notANumber(where, value));
  }
  const [x, y] = position as number[];
  if (Math.abs(x) > PROJECTED_LIMIT || Math.abs(y) > PROJECTED_LIMIT) return invalid(PROJECTED_METRES, M.projectedMetres(where, x, y));
  if (swappable && x >= 15 && x <= 55 && y >= 70 && y <= 140) return invalid(LON_LAT_SWAPPED, M.lonLatSwapped(where, x, y));
  if (x < -180 || x > 180 || y < -90 || y > 90) return invalid(OUT_OF_RANGE, M.outOfRange(where, x, y));
  return undefined;
}

/** The rings of the geometry with their place, after checking the nesting and counting positions. */
function ringsOf(geometry: Record<string, unknown>): Validation<{ rings: { ring: unknown[]; where: Spot }[]; count: number }> {
  const multi = geometry.type === 'MultiPolygon';
  const coordinates = geometry.coordinates;
  const polygons = multi ? coordinates : [coordinates];
  if (!Array.isArray(polygons) || polygons.length === 0) {
    return invalid(MALFORMED_COORDINATES, M.malformedCoordinates({}, multi ? EXPECTED.polygons : EXPECTED.rings));
  }
  const rings: { ring: unknown[]; where: Spot }[] = [];
  let count = 0;
  for (let p = 0; p < polygons.length; p++) {
    const polygon = polygons[p];
    const polygonSpot = multi ? { polygon: p + 1 } : {};
    if (!Array.isArray(polygon) || polygon.length === 0) return invalid(MALFORMED_COORDINATES, M.malformedCoordinates(polygonSpot, EXPECTED.rings));
    for (let r = 0; r < polygon.length; r++) {
      const ring = polygon[r];
      const where = { ...polygonSpot, ring: r + 1 };
      if (!Array.isArray(ring)) return invalid(MALFORMED_COORDINATES, M.malformedCoordinates(where, EXPECTED.positions));
      count += ring.length;
      if (count > MAX_BLOCK_VERTICES) return invalid(TOO_MANY_VERTICES, M.tooManyVertices(MAX_BLOCK_VERTICES));
      rings.push({ ring, where });
    }
  }
  return { valid: true, value: { rings, count } };
}

/**
 * Checks a block sent as GeoJSON before any SQL sees it (PostGIS would accept unclosed rings,
 * NaN, 1e309 and `null` as 0): a Polygon or MultiPolygon, at most {@link MAX_BLOCK_VERTICES}
 * positions, each two or three finite numbers in lon/lat (not projected metres, not swapped),
 * each ring closed with at least 4 positions. Returns the first problem with its place; never
 * repairs anything. Crossings and the county are checked after this, by their own steps.
 */
export function validateBlockGeometry(input: unknown, context: BlockContext = {}): Validation<CheckedBlock> {
  if (!isObject(input) || (input.type !== 'Polygon' && input.type !== 'MultiPolygon')) {
    return invalid(NOT_A_POLYGON, M.notAPolygon(input));
  }
  const structure = ringsOf(input);
  if (!structure.valid) return structure;
  const swappable = !context.countyBbox || inChina(context.countyBbox);
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { ring, where } of structure.value.rings) {
    for (let i = 0; i < ring.length; i++) {
      const problem = checkPosition(ring[i], { ...where, position: i + 1 }, swappable);
      if (problem) return problem;
      const [x, y] = ring[i] as number[];
      bbox[0] = Math.min(bbox[0], x);
      bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x);
      bbox[3] = Math.max(bbox[3], y);
    }
  }
  for (const { ring, where } of structure.value.rings) {
    const positions = ring as number[][];
    if (positions.length < 4) return invalid(TOO_FEW_POSITIONS, M.tooFewPositions(where, positions.length));
    const [first, last] = [positions[0], positions[positions.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) return invalid(RING_NOT_CLOSED, M.ringNotClosed(where, positions.length));
  }
  const geometry = { type: input.type, coordinates: input.coordinates } as GeoJSON.Polygon | GeoJSON.MultiPolygon;
  return { valid: true, value: { geometry, bbox, vertexCount: structure.value.count } };
}
