import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { absolute } from '../../http/origin.ts';
import { visibleCollection, type CollectionAccess } from '../../plugins/app/layers/layer-access.ts';
import { encodeTile, MVT_TYPE } from './encode.ts';
import { parseTileCoord, pixelDegrees, tileBounds } from './tile-math.ts';
import { tileJson, TileJson } from './tilejson.ts';

/**
 * Short shared caching only for what every visitor would get alike: a public layer, as the
 * public sees it (staff may get staff-only and hidden fields). Everything else stays out of caches.
 */
function setCaching(reply: FastifyReply, { isPublic, allFieldsPublic }: CollectionAccess, staff: boolean): void {
  const sameForEveryone = isPublic && (!staff || allFieldsPublic);
  reply.header('cache-control', sameForEveryone ? 'public, max-age=60' : 'private, no-store');
  reply.header('vary', 'Cookie, Authorization');
}

/**
 * `GET /tiles/{id}.json` (TileJSON 3.0.0) and `GET /tiles/{id}/{z}/{x}/{y}.mvt`, built in Node on
 * either database (PGlite's PostGIS has no ST_AsMVT). Same visibility rules as `/ogc`.
 */
const tiles: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tiles/:id.json',
    { schema: { params: Type.Object({ id: Type.String() }), response: { 200: TileJson } } },
    async (request, reply) => {
      const access = await visibleCollection(app, request, request.params.id);
      const staff = isStaffRequest(request);
      const extents = await app.repos.layers.extents();
      setCaching(reply, access, staff);
      const url = absolute(request, `/tiles/${access.id}/{z}/{x}/{y}.mvt`);
      return tileJson(access.id, url, extents[access.id], access.fields);
    },
  );

  app.get(
    '/tiles/:id/:z/:x/:y.mvt',
    {
      schema: {
        params: Type.Object({ id: Type.String(), z: Type.String(), x: Type.String(), y: Type.String() }),
      },
    },
    async (request, reply) => {
      const coord = parseTileCoord(request.params);
      const access = await visibleCollection(app, request, request.params.id);
      const staff = isStaffRequest(request);
      const features = await app.repos.layers.forTile(access.id, tileBounds(coord), pixelDegrees(coord.z), access.fields);
      const tile = encodeTile(access.id, features, coord);
      setCaching(reply, access, staff);
      if (!tile) return reply.code(204).send();
      return reply.type(MVT_TYPE).send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  );
};
export default tiles;
