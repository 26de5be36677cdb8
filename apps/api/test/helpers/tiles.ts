import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** The first position of a geometry: a point on it, so every tile around it must hold the feature. */
export function firstPosition(geometry: GeoJSON.Geometry): [number, number] {
  let value: unknown = 'coordinates' in geometry ? geometry.coordinates : [];
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return value as [number, number];
}

/** The XYZ tile holding a lon/lat at zoom `z` (Web Mercator, y down). */
export function tileAt([lon, lat]: readonly number[], z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n),
  };
}

/** The URL of the tile of `collection` at zoom `z` under the first position of `geometry`. */
export function tileUrlAt(collection: string, geometry: GeoJSON.Geometry, z: number): string {
  const { x, y } = tileAt(firstPosition(geometry), z);
  return `/tiles/${collection}/${z}/${x}/${y}.mvt`;
}

/** The features of layer `layer` in an encoded tile (none for an empty body). */
export function tileFeatures(body: Buffer, layer: string): VectorTileFeature[] {
  if (body.length === 0) return [];
  const decoded = new VectorTile(new PbfReader(body)).layers[layer];
  return decoded ? Array.from({ length: decoded.length }, (_, i) => decoded.feature(i)) : [];
}

/** The URL of the tile of every layer at zoom `z` under the first position of `geometry`. */
export function combinedTileUrlAt(geometry: GeoJSON.Geometry, z: number): string {
  const { x, y } = tileAt(firstPosition(geometry), z);
  return `/tiles/${z}/${x}/${y}.mvt`;
}

/** The names of the layers in an encoded tile, in order (none for an empty body). */
export function tileLayerNames(body: Buffer): string[] {
  return body.length === 0 ? [] : Object.keys(new VectorTile(new PbfReader(body)).layers);
}
