import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LABEL_FIELDS, LabelPointsResponse, SearchQuery, SearchResponse } from '@mpm/contracts';
import { isStaffRequest } from '../../../plugins/app/auth/auth.plugin.ts';
import { search, searchableLayers } from '../../../plugins/app/search/search.ts';

/**
 * `GET /api/search?q=` (搜索): coordinates, licences, places, features, and for staff proposals
 * and ledger entries, with the OGC API's visibility. `GET /api/labels`: the points the map hangs
 * area labels on, one per feature, from the same visibility.
 */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      schema: { querystring: SearchQuery, response: { 200: SearchResponse } },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return search(app, request, request.query.q);
    },
  );

  app.get('/api/labels', { schema: { response: { 200: LabelPointsResponse } } }, async (request, reply) => {
    const layers = await searchableLayers(app, isStaffRequest(request), (field, collection) =>
      (LABEL_FIELDS[collection] ?? []).includes(field.key),
    );
    const points = await app.searchRepository.labelPoints(layers.filter((layer) => LABEL_FIELDS[layer.collection]));
    reply.header('cache-control', 'private, no-cache');
    return {
      type: 'FeatureCollection' as const,
      features: points.map((p) => ({
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point' as const, coordinates: p.lonLat },
        // Empty fields left out, so that a label falls back to the next field (`coalesce`).
        properties: { layer: p.layer, ...Object.fromEntries(Object.entries(p.values).filter(([, value]) => value !== null && value !== '')) },
      })),
    };
  });
};
export default searchRoutes;
