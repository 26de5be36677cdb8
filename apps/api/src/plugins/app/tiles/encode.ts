import { geoJSONToTile, type GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { LayerFeature } from '../layers/layers-repository.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from './tile-math.ts';

/** Media type of an encoded Mapbox Vector Tile. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Twice the signed area of a ring, in square tile units. */
function doubleArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum;
}

const collapsed = (type: 2 | 3, part: readonly [number, number][]): boolean =>
  type === 3 ? doubleArea(part) === 0 : part.every(([x, y]) => x === part[0][0] && y === part[0][1]);

/**
 * Removes (in place) what PostGIS's `ST_AsMVTGeom` leaves out too, so that both encoders give the same
 * features: rings that enclose no area on the integer grid and lines shrunk to one point (a
 * feature smaller than a tile unit at a low zoom), and a feature with nothing left.
 */
function dropCollapsed(features: GeoJSONVTFeature[]): void {
  let kept = 0;
  for (const feature of features) {
    if (feature.type !== 1) feature.geometry = feature.geometry.filter((part) => !collapsed(feature.type, part));
    if (feature.geometry.length > 0) features[kept++] = feature;
  }
  features.length = kept;
}

/**
 * Encodes lon/lat features as one Mapbox Vector Tile (spec 2.1) with a single layer named
 * `layerName`, keeping feature ids and properties. Returns null when nothing lands in the tile.
 */
export function encodeTile(layerName: string, features: LayerFeature[], { z, x, y }: TileCoord): Uint8Array | null {
  if (features.length === 0) return null;
  const tile = geoJSONToTile({ type: 'FeatureCollection', features }, z, x, y, {
    extent: TILE_EXTENT, // tile units across the tile
    buffer: TILE_BUFFER, // tile units kept beyond each edge
    clip: true, // cut geometry at the buffered edge
    maxZoom: z, // the tile's own zoom is the deepest: geojson-vt does not simplify (SQL did, by about a pixel)
  });
  if (!tile) return null;
  dropCollapsed(tile.features);
  if (tile.features.length === 0) return null;
  return fromGeojsonVt({ [layerName]: tile }, { version: 2, extent: TILE_EXTENT });
}
