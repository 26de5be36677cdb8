import { kml } from '@tmcw/togeojson';
import type { BlockGeometry } from '@mpm/rules';

/** Why a file could not be read at all. */
export interface FileProblem {
  /** `unreadable`: too large, not JSON or XML, or no GeoJSON/KML; `unsupported`: another file type (e.g. KMZ, shapefile). */
  reason: 'unreadable' | 'unsupported';
}

/** Why a file gave no block. */
export type BlockFileProblem =
  | FileProblem
  /** `noPolygon`: read fine, but nothing in it is a polygon; `notLonLat`: the first polygon's coordinates are not longitude/latitude degrees (e.g. projected metres). */
  | { reason: 'noPolygon' | 'notLonLat' };

export type BlockFileResult = { ok: true; geometry: BlockGeometry } | { ok: false; problem: BlockFileProblem };

/** Largest file read, in bytes: a block is a few corners, not a county. */
export const MAX_BLOCK_FILE_BYTES = 5 * 1024 * 1024;

/** The first Polygon or MultiPolygon in any GeoJSON object (collections searched in order). */
export function firstPolygon(value: unknown, depth = 0): BlockGeometry | null {
  if (!value || typeof value !== 'object' || depth > 8) return null;
  const object = value as { type?: unknown; features?: unknown; geometry?: unknown; geometries?: unknown };
  if (object.type === 'Polygon' || object.type === 'MultiPolygon') return object as BlockGeometry;
  if (object.type === 'Feature') return firstPolygon(object.geometry, depth + 1);
  const list = object.type === 'FeatureCollection' ? object.features : object.type === 'GeometryCollection' ? object.geometries : null;
  if (!Array.isArray(list)) return null;
  for (const item of list) {
    const found = firstPolygon(item, depth + 1);
    if (found) return found;
  }
  return null;
}

type Ring = number[][];

/** Rings as [lon, lat] pairs (heights dropped), closed; null when a position is not lon/lat degrees. */
function cleanRing(ring: unknown): Ring | null {
  if (!Array.isArray(ring) || ring.length < 3) return null;
  const positions: Ring = [];
  for (const p of ring) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
    const [lon, lat] = p as number[];
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return null;
    positions.push([lon, lat]);
  }
  const [first, last] = [positions[0], positions[positions.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) positions.push([first[0], first[1]]);
  return positions.length >= 4 ? positions : null;
}

function cleanPolygon(rings: unknown): Ring[] | null {
  if (!Array.isArray(rings) || rings.length === 0) return null;
  const cleaned = rings.map(cleanRing);
  return cleaned.every((r): r is Ring => r !== null) ? cleaned : null;
}

/** The geometry with 2-D, closed rings in lon/lat, or null when it is not lon/lat. */
export function cleanGeometry(geometry: BlockGeometry): BlockGeometry | null {
  if (geometry.type === 'Polygon') {
    const rings = cleanPolygon(geometry.coordinates);
    return rings ? { type: 'Polygon', coordinates: rings } : null;
  }
  const polygons = Array.isArray(geometry.coordinates) ? geometry.coordinates.map(cleanPolygon) : [];
  if (polygons.length === 0 || !polygons.every((p): p is Ring[] => p !== null)) return null;
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** A GeoJSON or KML file's text as GeoJSON: null for another file type, undefined when unreadable. */
function parseDocument(name: string, text: string): unknown {
  const lower = name.toLowerCase();
  if (lower.endsWith('.kml')) {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
    return kml(doc);
  }
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  return null;
}

/** A GeoJSON (.geojson, .json) or KML file as GeoJSON, or why it cannot be read. */
export async function readDocument(file: File): Promise<{ ok: true; document: unknown } | { ok: false; problem: FileProblem }> {
  if (file.size > MAX_BLOCK_FILE_BYTES) return { ok: false, problem: { reason: 'unreadable' } };
  const document = parseDocument(file.name, await file.text());
  if (document === null) return { ok: false, problem: { reason: 'unsupported' } };
  if (document === undefined) return { ok: false, problem: { reason: 'unreadable' } };
  return { ok: true, document };
}

/** Reads the block from a GeoJSON (.geojson, .json) or KML file: its first polygon. */
export async function readBlockFile(file: File): Promise<BlockFileResult> {
  const read = await readDocument(file);
  if (!read.ok) return read;
  const polygon = firstPolygon(read.document);
  if (!polygon) return { ok: false, problem: { reason: 'noPolygon' } };
  const geometry = cleanGeometry(polygon);
  return geometry ? { ok: true, geometry } : { ok: false, problem: { reason: 'notLonLat' } };
}
