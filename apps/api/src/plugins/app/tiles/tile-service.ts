import type { CollectionId } from '@mpm/domain';
import type { CollectionAccess } from '../layers/layer-access.ts';
import type { ContentCoding } from './content-coding.ts';
import { createLayerState, type LayerState, type LayerStateContext } from './layer-state.ts';
import { createTileCache, type SentTile } from './tile-cache.ts';
import { combinedTileKey, isOlderTile, tileKey, type CombinedPart, type TileEncoder } from './tile-key.ts';
import type { TileCoord } from './tile-math.ts';
import { makeTile, type TileSourceContext } from './tile-source.ts';

/** A tile about to be answered: its key (the ETag's source), who may share it, and its bytes on demand. */
export interface PreparedTile {
  key: string;
  /** Whether every visitor would get these very bytes (then shared caches may keep them). */
  sameForEveryone: boolean;
  /** The tile in `coding`, from the cache or made now; a null body when nothing lands in it. */
  get(coding: ContentCoding): Promise<SentTile>;
}

/**
 * Whether a caller's view of a layer is everyone's: a public layer, as the public sees it (staff
 * may get staff-only and hidden fields).
 */
export const sameForEveryone = ({ isPublic, allFieldsPublic }: CollectionAccess, staff: boolean): boolean =>
  isPublic && (!staff || allFieldsPublic);

/**
 * The tiles the map reads: each layer's tile, and the tile of several layers together (the layers'
 * encoded tiles one after the other: an MVT tile is a repeated `layers` field, so concatenated
 * tiles are one valid tile). Both kept in one cache by key; a layer's tile is made once and serves
 * its own route and every combined tile that includes it. A layer's new revision forgets its older
 * tiles, its own and the combined ones.
 */
export function createTileService(context: TileSourceContext & LayerStateContext, encoder: TileEncoder, cacheBytes: number) {
  const cache = createTileCache(cacheBytes);
  const layers = createLayerState(context, (id, revision) => cache.forget((key) => isOlderTile(key, id, revision)));

  function part(access: CollectionAccess, state: LayerState, coord: TileCoord, asOf?: string): CombinedPart & { build: () => Promise<Uint8Array | null> } {
    const revision = state.revisions[access.id];
    return {
      layer: access.id,
      revision,
      key: tileKey(access.id, revision, access.fields, encoder, coord, asOf),
      build: () => makeTile(context, encoder, access.id, access.fields, coord, asOf),
    };
  }

  return {
    /**
     * The layers' publication and data revisions, as the tiles see them, with this process's
     * writes to `ids` (every layer when not given; see `createLayerState`).
     */
    state: (ids?: readonly CollectionId[]): Promise<LayerState> => layers.get(ids),

    /** One layer's tile at `coord` with the caller's fields; `asOf` a past day of a right layer. */
    layerTile(access: CollectionAccess, state: LayerState, staff: boolean, coord: TileCoord, asOf?: string): PreparedTile {
      const { key, build } = part(access, state, coord, asOf);
      return { key, sameForEveryone: sameForEveryone(access, staff), get: (coding) => cache.get(key, coding, build) };
    },

    /** The tile at `coord` holding each of `accesses`' layers (in that order) as the caller sees it. */
    combinedTile(accesses: readonly CollectionAccess[], state: LayerState, staff: boolean, coord: TileCoord): PreparedTile {
      const parts = accesses.map((access) => part(access, state, coord));
      const key = combinedTileKey(parts);
      const build = async () => {
        const tiles = await Promise.all(parts.map((p) => cache.get(p.key, 'identity', p.build)));
        const bodies = tiles.flatMap((tile) => (tile.body ? [tile.body] : []));
        return bodies.length > 0 ? Buffer.concat(bodies) : null;
      };
      return {
        key,
        sameForEveryone: accesses.every((access) => sameForEveryone(access, staff)),
        get: (coding) => cache.get(key, coding, build),
      };
    },

    close: () => layers.close(),
  };
}
