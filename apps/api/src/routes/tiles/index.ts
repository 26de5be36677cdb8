import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { absolute } from '../../http/origin.ts';
import { accessTo, visibleCollection, type CollectionAccess } from '../../plugins/app/layers/layer-access.ts';
import { preferredCoding } from '../../plugins/app/tiles/content-coding.ts';
import { MVT_TYPE } from '../../plugins/app/tiles/encode.ts';
import { createLayerState } from '../../plugins/app/tiles/layer-state.ts';
import { createTileCache } from '../../plugins/app/tiles/tile-cache.ts';
import { isOlderTile, matchesEtag, tileEtag, tileKey, type TileEncoder } from '../../plugins/app/tiles/tile-key.ts';
import { parseTileCoord } from '../../plugins/app/tiles/tile-math.ts';
import { chooseEncoder, makeTile } from '../../plugins/app/tiles/tile-source.ts';
import { tileJson, TileJson } from './tilejson.ts';

/**
 * Short shared caching only for what every visitor would get alike: a public layer, as the
 * public sees it (staff may get staff-only and hidden fields). Everything else stays out of caches.
 */
function setCaching(reply: FastifyReply, { isPublic, allFieldsPublic }: CollectionAccess, staff: boolean): void {
  const sameForEveryone = isPublic && (!staff || allFieldsPublic);
  reply.header('cache-control', sameForEveryone ? 'public, max-age=60' : 'private, no-store');
  reply.header('vary', 'Cookie, Authorization, Accept-Encoding');
}

/** Options of the tile routes: the tile cache's size, and what encodes tiles. */
export interface TileRouteOptions {
  cacheBytes: number;
  encoder: TileEncoder;
}

/**
 * `GET /tiles/{id}.json` (TileJSON 3.0.0) and `GET /tiles/{id}/{z}/{x}/{y}.mvt`, encoded in Node
 * (or by PostGIS's ST_AsMVT when asked, on PostgreSQL) and kept in a cache keyed by layer, data
 * revision, the caller's fields and address: an `ETag` from that key, `If-None-Match` answered 304
 * without making the tile, gzip or brotli as the client accepts. Same visibility rules as `/ogc`.
 */
const tiles: FastifyPluginAsyncTypebox<TileRouteOptions> = async (app, options) => {
  const encoder = await chooseEncoder(app, options.encoder);
  const cache = createTileCache(options.cacheBytes);
  const layers = createLayerState(app, (id, revision) => cache.forget((key) => isOlderTile(key, id, revision)));
  app.addHook('onClose', async () => layers.close());

  app.get(
    '/tiles/:id.json',
    { schema: { params: Type.Object({ id: Type.String() }), response: { 200: TileJson } } },
    async (request, reply) => {
      const access = await visibleCollection(app, request, request.params.id);
      const staff = isStaffRequest(request);
      const [extents, state] = await Promise.all([app.repos.layers.extents(), layers.get()]);
      setCaching(reply, access, staff);
      // The data revision in the tiles' URL: a client asking again after a write does not take
      // the tiles it keeps for a minute (`max-age`) for current. The tile route itself ignores it.
      const url = absolute(request, `/tiles/${access.id}/{z}/{x}/{y}.mvt?v=${state.revisions[access.id]}`);
      return tileJson(access.id, url, extents[access.id], access.fields);
    },
  );

  app.get(
    '/tiles/:id/:z/:x/:y.mvt',
    {
      schema: {
        params: Type.Object({ id: Type.String(), z: Type.String(), x: Type.String(), y: Type.String() }),
      },
      // Helmet's headers are for documents (a content security policy, framing, …), and making
      // them took about a tenth of a cached tile's time (profiled): a tile keeps the two that apply.
      helmet: false,
    },
    async (request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cross-origin-resource-policy', 'same-origin');
      const coord = parseTileCoord(request.params);
      const staff = isStaffRequest(request);
      const state = await layers.get();
      const access = accessTo(request.params.id, state.settings, staff);
      const key = tileKey(access.id, state.revisions[access.id], access.fields, encoder, coord);
      const etag = tileEtag(key);
      setCaching(reply, access, staff);
      reply.header('etag', etag);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      const coding = preferredCoding(request.headers['accept-encoding']);
      const tile = await cache.get(key, coding, () => makeTile(app, encoder, access.id, access.fields, coord));
      if (!tile.body) return reply.code(204).send();
      if (tile.coding !== 'identity') reply.header('content-encoding', tile.coding);
      return reply.type(MVT_TYPE).send(tile.body);
    },
  );
};
export default tiles;
