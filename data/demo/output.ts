import fs from 'node:fs';
import path from 'node:path';
import { roundCoordinate } from './geometry.ts';
import type { Feature, Geometry } from './types.ts';

/** Rounds every number of a (nested) coordinate array. */
function roundDeep(value: unknown): unknown {
  return Array.isArray(value) ? value.map(roundDeep) : roundCoordinate(value as number);
}

/** `geometry` with every coordinate rounded to 7 decimals. */
const roundGeometry = <G extends Geometry>(geometry: G): G =>
  ({ type: geometry.type, coordinates: roundDeep(geometry.coordinates) }) as G;

/**
 * A FeatureCollection as pretty-printed GeoJSON: two-space indents, one `[lon, lat]`
 * position per line, coordinates rounded to 7 decimals, a final newline.
 */
export function serializeCollection(features: readonly Feature[]): string {
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: roundGeometry(f.geometry) })),
  };
  const json = JSON.stringify(collection, null, 2);
  return `${json.replace(/\[\s+(-?\d+(?:\.\d+)?),\s+(-?\d+(?:\.\d+)?)\s+\]/g, '[$1, $2]')}\n`;
}

/** Writes `text` to `dir/name`, creating `dir` when needed; returns the path. */
export function writeText(dir: string, name: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
