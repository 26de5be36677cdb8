import type { CollectionId, FieldDef } from '@mpm/domain';
import type { Repositories } from '../repositories.plugin.ts';
import { encodeTile } from './encode.ts';
import type { TileEncoder } from './tile-key.ts';
import { pixelDegrees, tileBounds, type TileCoord } from './tile-math.ts';

/** What making a tile needs from the app. */
export interface TileSourceContext {
  repos: Pick<Repositories, 'layers' | 'tiles'>;
}

/**
 * The encoder asked for, once the database is known to have it: Node by default (on the demo
 * county as many tiles per second as PostGIS's `ST_AsMVT` and less CPU per tile, bench/README.md),
 * `postgis` only where PostGIS encodes tiles (PGlite's is built without protobuf-c).
 */
export async function chooseEncoder(context: TileSourceContext, preference: TileEncoder): Promise<TileEncoder> {
  if (preference === 'postgis' && !(await context.repos.tiles.encodesMvt())) {
    throw new Error('TILE_ENCODER=postgis, but this database cannot encode vector tiles (PostGIS without protobuf-c, as PGlite): unset it');
  }
  return preference;
}

/**
 * One layer's tile with the given fields, or null when nothing lands in it. Both encoders take
 * the same features (those meeting the tile with its buffer) simplified in SQL by about a screen
 * pixel, and decode to the same features, ids, properties and, within a pixel, shapes. `asOf`:
 * a right layer as it stood at the end of that past day.
 */
export async function makeTile(
  context: TileSourceContext,
  encoder: TileEncoder,
  layer: CollectionId,
  fields: readonly FieldDef[],
  coord: TileCoord,
  asOf?: string,
): Promise<Uint8Array | null> {
  const bbox = tileBounds(coord);
  const tolerance = pixelDegrees(coord.z);
  if (encoder === 'postgis') return context.repos.tiles.postgisTile(layer, coord, bbox, tolerance, fields, asOf);
  return encodeTile(layer, await context.repos.layers.forTile(layer, bbox, tolerance, fields, asOf), coord);
}
