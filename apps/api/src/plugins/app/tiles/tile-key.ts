import crypto from 'node:crypto';
import type { CollectionId, FieldDef } from '@mpm/domain';
import type { TileCoord } from './tile-math.ts';
import type { DataRevision } from './tiles-repository.ts';

/** What encodes a tile: PostGIS (`ST_AsMVT`) or Node (`@maplibre/geojson-vt` + `@maplibre/vt-pbf`). */
export type TileEncoder = 'postgis' | 'node';

/** Changes whenever the bytes of a tile for the same key would change (how tiles are made). */
const TILE_FORMAT = 1;

/**
 * Everything a tile's bytes depend on: the layer, its data revision, the fields the caller gets
 * (so a public tile and one with staff-only or hidden fields are never the same entry, and a
 * change of the county's hidden fields is a new key), the encoder, the address and the past day
 * asked of a right layer. Starts with `layer|revision|` (see {@link isOlderTile}).
 */
export function tileKey(
  layer: CollectionId,
  revision: DataRevision,
  fields: readonly FieldDef[],
  encoder: TileEncoder,
  { z, x, y }: TileCoord,
  asOf?: string,
): string {
  return `${layer}|${revision}|${TILE_FORMAT}${encoder}|${fields.map((field) => field.key).join(',')}|${z}/${x}/${y}${asOf ? `@${asOf}` : ''}`;
}

/** Whether `key` is a tile of `layer` at a revision before `revision`. */
export function isOlderTile(key: string, layer: CollectionId, revision: DataRevision): boolean {
  const [keyLayer, keyRevision] = key.split('|', 2);
  return keyLayer === layer && BigInt(keyRevision) < BigInt(revision);
}

/**
 * The entity tag of a tile: a digest of its key, so it is known before the tile is made (a
 * revalidation costs no query). Weak (`W/`), being the same for each content coding.
 */
export const tileEtag = (key: string): string => `W/"${crypto.createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

/** Whether an `If-None-Match` header names `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === opaque;
  });
}
