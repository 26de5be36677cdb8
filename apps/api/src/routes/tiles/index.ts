import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CombinedTileQuery, TileQuery } from '@mpm/contracts';
import { isCollectionId, isRightCollection, type CollectionId } from '@mpm/domain';
import { badRequest } from '../../http/errors.ts';
import { registerDay } from '../../plugins/app/reports/china-time.ts';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { absolute } from '../../http/origin.ts';
import { accessTo, visibleAccesses, visibleCollection } from '../../plugins/app/layers/layer-access.ts';
import { preferredCoding } from '../../plugins/app/tiles/content-coding.ts';
import { MVT_TYPE } from '../../plugins/app/tiles/encode.ts';
import { matchesEtag, tileEtag, type TileEncoder } from '../../plugins/app/tiles/tile-key.ts';
import { parseTileCoord } from '../../plugins/app/tiles/tile-math.ts';
import { createTileService, sameForEveryone, type PreparedTile } from '../../plugins/app/tiles/tile-service.ts';
import { chooseEncoder } from '../../plugins/app/tiles/tile-source.ts';
import { tileJson, TileJson } from './tilejson.ts';

/**
 * Short shared caching only for what every visitor would get alike (see `sameForEveryone`).
 * Everything else stays out of caches.
 */
function setCaching(reply: FastifyReply, shared: boolean): void {
  reply.header('cache-control', shared ? 'public, max-age=60' : 'private, no-store');
  reply.header('vary', 'Cookie, Authorization, Accept-Encoding');
}

/**
 * Answers with `tile`: an `ETag` from its key, 304 when `If-None-Match` names it (the tile is not
 * made), 204 when nothing lands in it, else its bytes gzip'd or brotli'd as the client accepts.
 */
async function sendTile(request: FastifyRequest, reply: FastifyReply, tile: PreparedTile) {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cross-origin-resource-policy', 'same-origin');
  const etag = tileEtag(tile.key);
  setCaching(reply, tile.sameForEveryone);
  reply.header('etag', etag);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const sent = await tile.get(preferredCoding(request.headers['accept-encoding']));
  if (!sent.body) return reply.code(204).send();
  if (sent.coding !== 'identity') reply.header('content-encoding', sent.coding);
  return reply.type(MVT_TYPE).send(sent.body);
}

/**
 * The past day a tile request asks of a right layer, or undefined for the layer as it stands
 * (no day, or today or later); 400 `asOfNotSupported` for a layer that keeps no history.
 */
function pastDay(collection: CollectionId, asOf: string | undefined): string | undefined {
  if (asOf === undefined) return undefined;
  if (!isRightCollection(collection)) {
    throw badRequest('asOfNotSupported', {
      zh: `图层“${collection}”没有历史记录，不能按日期（asOf）查看；只有采矿权和探矿权图层可以。`,
      en: `Layer "${collection}" keeps no history to be seen as of a day (asOf): only the mining and exploration right layers do.`,
    });
  }
  const { day, past } = registerDay(asOf);
  return past ? day : undefined;
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
 * A right layer's TileJSON and tiles take `?asOf=YYYY-MM-DD`: the register as it stood that day.
 * `GET /tiles/{z}/{x}/{y}.mvt`: one tile holding every layer the caller may see (a source-layer
 * per collection id), made of the layers' cached tiles, so the map's first view costs one request
 * per tile address rather than one per layer and address.
 */
const tiles: FastifyPluginAsyncTypebox<TileRouteOptions> = async (app, options) => {
  const service = createTileService(app, await chooseEncoder(app, options.encoder), options.cacheBytes);
  app.addHook('onClose', async () => service.close());
  // Helmet's headers are for documents (a content security policy, framing, …), and making them
  // took about a tenth of a cached tile's time (profiled): a tile keeps the two that apply (`sendTile`).
  const tileRoute = { helmet: false } as const;
  const coordParams = { z: Type.String(), x: Type.String(), y: Type.String() };

  app.get(
    '/tiles/:id.json',
    { schema: { params: Type.Object({ id: Type.String() }), querystring: TileQuery, response: { 200: TileJson } } },
    async (request, reply) => {
      const access = await visibleCollection(app, request, request.params.id);
      const asOf = pastDay(access.id, request.query.asOf);
      const staff = isStaffRequest(request);
      const [extents, state] = await Promise.all([app.repos.layers.extents(), service.state([access.id])]);
      setCaching(reply, sameForEveryone(access, staff));
      // The data revision in the tiles' URL: a client asking again after a write does not take
      // the tiles it keeps for a minute (`max-age`) for current. The tile route itself ignores it.
      const url = absolute(request, `/tiles/${access.id}/{z}/{x}/{y}.mvt?v=${state.revisions[access.id]}${asOf ? `&asOf=${asOf}` : ''}`);
      return tileJson(access.id, url, extents[access.id], access.fields);
    },
  );

  app.get(
    '/tiles/:id/:z/:x/:y.mvt',
    { ...tileRoute, schema: { params: Type.Object({ id: Type.String(), ...coordParams }), querystring: TileQuery } },
    async (request, reply) => {
      const coord = parseTileCoord(request.params);
      const staff = isStaffRequest(request);
      const { id } = request.params;
      // A layer not known is refused by `accessTo`, whatever state it is given.
      const state = await service.state(isCollectionId(id) ? [id] : []);
      const access = accessTo(id, state.settings, staff);
      const asOf = pastDay(access.id, request.query.asOf);
      return sendTile(request, reply, service.layerTile(access, state, staff, coord, asOf));
    },
  );

  app.get(
    '/tiles/:z/:x/:y.mvt',
    { ...tileRoute, schema: { params: Type.Object(coordParams), querystring: CombinedTileQuery } },
    async (request, reply) => {
      const coord = parseTileCoord(request.params);
      const staff = isStaffRequest(request);
      const state = await service.state();
      return sendTile(request, reply, service.combinedTile(visibleAccesses(state.settings, staff), state, staff, coord));
    },
  );
};
export default tiles;
