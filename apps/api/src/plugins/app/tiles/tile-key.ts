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

/** First part of a combined tile's key (never a collection id). */
const COMBINED = '*';

/** One layer's part of a combined tile: its id, its revision and its own tile key. */
export interface CombinedPart {
  layer: CollectionId;
  revision: DataRevision;
  key: string;
}

/**
 * The key of a tile combining several layers' tiles: `*|layer@revision,…|digest of their keys`,
 * so it changes whenever one of theirs does (revision, fields, encoder, address) and names each
 * layer's revision (see {@link isOlderTile}).
 */
export function combinedTileKey(parts: readonly CombinedPart[]): string {
  const digest = crypto.createHash('sha256').update(parts.map((part) => part.key).join('\n')).digest('base64url');
  return `${COMBINED}|${parts.map((part) => `${part.layer}@${part.revision}`).join(',')}|${digest}`;
}

/**
 * Whether `key` is a tile holding `layer` at a revision before `revision`: the layer's own, or a
 * combined tile that includes it.
 */
export function isOlderTile(key: string, layer: CollectionId, revision: DataRevision): boolean {
  const [keyLayer, keyRevision] = key.split('|', 2);
  if (keyLayer !== COMBINED) return keyLayer === layer && BigInt(keyRevision) < BigInt(revision);
  return keyRevision.split(',').some((part) => {
    const [partLayer, partRevision] = part.split('@');
    return partLayer === layer && BigInt(partRevision) < BigInt(revision);
  });
}

/**
 * A short digest of the layers' data revisions (catalogue order): written into the combined
 * tiles' URL, it changes with a write to any of them, so a client does not take the tiles it keeps
 * for a minute (`max-age`) for current.
 */
export function combinedRevision(revisions: Record<CollectionId, DataRevision>, layers: readonly CollectionId[]): string {
  return crypto.createHash('sha256').update(layers.map((id) => `${id}@${revisions[id]}`).join(',')).digest('base64url').slice(0, 16);
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
