import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { COLLECTION_IDS, isCollectionId, type CollectionId } from '@mpm/domain';
import { ClientConfig, LayerSettingsBody, LayerSummary, LayersResponse } from '@mpm/contracts';
import { notFound } from '../../../http/errors.ts';
import { isStaffRequest, requireRole } from '../../../plugins/app/auth/auth.plugin.ts';

/** Raised for a collection id that is not in the catalogue (or not visible to the caller). */
export const unknownLayer = (id: string) =>
  notFound('unknown_collection', {
    zh: `图层“${id}”不存在或未公开。`,
    en: `There is no layer "${id}" (or it is not public).`,
  });

/** The layers a request may see: all for staff, the county's public ones for everyone else. */
export async function visibleLayers(
  app: Parameters<FastifyPluginAsyncTypebox>[0],
  staff: boolean,
): Promise<CollectionId[]> {
  if (staff) return [...COLLECTION_IDS];
  const publicLayers = await app.repos.layers.publicLayers();
  return COLLECTION_IDS.filter((id) => publicLayers.has(id));
}

const summary = (id: CollectionId, isPublic: boolean, bounds: LayerSummary['bounds'] | undefined): LayerSummary => ({
  id,
  isPublic,
  bounds: bounds ?? null,
  tilejson: `/tiles/${id}.json`,
  ogc: `/ogc/collections/${id}`,
});

const layers: FastifyPluginAsyncTypebox<{ tiandituKey?: string }> = async (app, { tiandituKey }) => {
  app.get('/api/layers', { schema: { response: { 200: LayersResponse } } }, async (request) => {
    const [ids, publicLayers, extents] = await Promise.all([
      visibleLayers(app, isStaffRequest(request)),
      app.repos.layers.publicLayers(),
      app.repos.layers.extents(),
    ]);
    return { layers: ids.map((id) => summary(id, publicLayers.has(id), extents[id])) };
  });

  app.put(
    '/api/layers/:id',
    {
      preHandler: requireRole('admin'),
      schema: { params: Type.Object({ id: Type.String() }), body: LayerSettingsBody, response: { 200: LayerSummary } },
    },
    async (request) => {
      const { id } = request.params;
      if (!isCollectionId(id)) throw unknownLayer(id);
      await app.knex.transaction(async (trx) => {
        await app.repos.layers.setPublic(id, request.body.isPublic, trx);
        await app.repos.audit.record(
          { userId: request.user!.id, action: 'update', entity: 'layer_settings', entityId: id, detail: request.body },
          trx,
        );
      });
      const extents = await app.repos.layers.extents();
      return summary(id, request.body.isPublic, extents[id]);
    },
  );

  app.get('/api/config', { schema: { response: { 200: ClientConfig } } }, async () => {
    const extents = await app.repos.layers.extents();
    return {
      bounds: extents.county ?? null,
      tiandituKey: tiandituKey ?? null,
      database: app.databaseKind,
    };
  });
};
export default layers;
