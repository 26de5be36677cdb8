import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { LAYER_EDITOR_ROLES, isCollectionId } from '@mpm/domain';
import { AddFeatureBody, DeleteFeatureQuery, EditFeatureBody, EditableFeatures, FeatureEditResponse } from '@mpm/contracts';
import { parseBbox } from '../../../http/bbox.ts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { unknownLayer } from '../../../plugins/app/layers/layer-access.ts';
import { addFeature, deleteFeature, editFeature, editableLayer } from '../../../plugins/app/layer-edits/layer-edits-writes.ts';

const LayerParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const FeatureParams = Type.Object({ id: Type.String({ maxLength: 64 }), fid: Type.Integer({ minimum: 1 }) });

/** The editable layer a path names: 404 for no layer, 400 for one whose features are kept elsewhere. */
const layerOf = (id: string) => {
  if (!isCollectionId(id)) throw unknownLayer(id);
  return editableLayer(id);
};

/**
 * The feature editor (编辑要素, data managers and admins): `GET /api/layers/:id/features`
 * (optionally within `bbox`) gives an editable layer's features with every stored field and each
 * one's version; `POST` adds one, `PATCH …/:fid` changes its attributes and/or boundary, `DELETE
 * …/:fid?baseVersion=N` removes it. Each write is the layer's next revision (listed and
 * restorable with the imports'), from the version the editor loaded.
 */
const layerFeatures: FastifyPluginAsyncTypebox = async (app) => {
  const editors = { preValidation: requireRole(...LAYER_EDITOR_ROLES) };

  app.get(
    '/api/layers/:id/features',
    {
      ...editors,
      schema: { params: LayerParams, querystring: Type.Object({ bbox: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 200: EditableFeatures } },
    },
    async (request, reply) => {
      const layer = layerOf(request.params.id);
      const { bbox } = request.query;
      reply.header('cache-control', 'private, no-store');
      return { type: 'FeatureCollection' as const, features: await app.repos.layerEdits.features(layer, bbox === undefined ? undefined : parseBbox(bbox)) };
    },
  );

  app.post(
    '/api/layers/:id/features',
    { ...editors, schema: { params: LayerParams, body: AddFeatureBody, response: { 201: FeatureEditResponse } } },
    async (request, reply) => reply.status(201).send(await addFeature(app, layerOf(request.params.id), request.body, request.user!)),
  );

  app.patch(
    '/api/layers/:id/features/:fid',
    { ...editors, schema: { params: FeatureParams, body: EditFeatureBody, response: { 200: FeatureEditResponse } } },
    async (request) => editFeature(app, layerOf(request.params.id), request.params.fid, request.body, request.user!),
  );

  app.delete(
    '/api/layers/:id/features/:fid',
    { ...editors, schema: { params: FeatureParams, querystring: DeleteFeatureQuery, response: { 200: FeatureEditResponse } } },
    async (request) => deleteFeature(app, layerOf(request.params.id), request.params.fid, request.query.baseVersion, request.user!),
  );
};
export default layerFeatures;
