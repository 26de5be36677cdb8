import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { LayerFeature } from '../../plugins/app/layers/layers-repository.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from './tile-math.ts';

/** Media type of an encoded Mapbox Vector Tile. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

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
    maxZoom: z, // simplify only at the tile's own zoom (tolerance below, in tile units)
    tolerance: 3,
  });
  if (!tile || tile.features.length === 0) return null;
  return fromGeojsonVt({ [layerName]: tile }, { version: 2, extent: TILE_EXTENT });
}
