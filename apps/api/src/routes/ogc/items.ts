import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseBbox } from '../../http/bbox.ts';
import { notFound } from '../../http/errors.ts';
import { absolute } from '../../http/origin.ts';
import { visibleCollection } from '../../plugins/app/layers/layer-access.ts';
import { envelopeOf, parseOutputCrs } from '../../plugins/app/layers/output-crs.ts';
import { CGCS2000_EPSG } from '@mpm/geo';
import { GEOJSON_TYPE, JSON_TYPE, pageLinks, requestUrlWith } from './links.ts';
import {
  checkFormat,
  parseFeatureId,
  parseLimit,
  parseDatetime,
  parseOffset,
  rejectUnknownParameters,
} from './params.ts';
import { CollectionParams, Feature, FeatureCollection, FeatureParams, FeatureQuery, ItemsQuery } from './schemas.ts';

/** The query parameters `/items` understands: those its schema declares. */
const ITEMS_PARAMETERS = Object.keys(ItemsQuery.properties);

const featureNotFound = (collectionId: string, featureId: string) =>
  notFound('featureNotFound', {
    zh: `图层“${collectionId}”中没有编号为 ${featureId} 的要素。`,
    en: `Layer "${collectionId}" has no feature with id ${featureId}.`,
  });

/** `GET /ogc/collections/{collectionId}/items` (paged, bbox-filtered) and `…/items/{featureId}`. */
const items: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ogc/collections/:collectionId/items',
    { config: { heavy: true }, schema: { params: CollectionParams, querystring: ItemsQuery, response: { 200: FeatureCollection } } },
    async (request, reply) => {
      const { query } = request;
      rejectUnknownParameters(query, ITEMS_PARAMETERS);
      checkFormat(query.f);
      const crs = parseOutputCrs(query.crs, 'crs');
      const bboxCrs = parseOutputCrs(query['bbox-crs'], 'bbox-crs');
      const axes = bboxCrs.epsg === null ? 'lonLat' : bboxCrs.epsg === CGCS2000_EPSG ? 'latLon' : 'projected';
      const bbox = query.bbox === undefined ? undefined : envelopeOf(parseBbox(query.bbox, axes), bboxCrs);
      const limit = parseLimit(query.limit);
      const offset = parseOffset(query.offset);
      const during = parseDatetime(query.datetime);
      const { id, fields } = await visibleCollection(app, request, request.params.collectionId);

      const page = await app.repos.layers.page(id, { bbox, limit, offset, fields, epsg: crs.epsg, during });
      reply.header('Content-Crs', `<${crs.uri}>`);
      const paging = { offset, limit, limited: query.limit !== undefined, returned: page.features.length, matched: page.numberMatched };
      const links = [
        ...pageLinks(request, paging),
        { href: absolute(request, `/ogc/collections/${id}`), rel: 'collection', type: JSON_TYPE },
      ];
      reply.type(GEOJSON_TYPE);
      return {
        type: 'FeatureCollection' as const,
        numberMatched: page.numberMatched,
        numberReturned: page.features.length,
        timeStamp: new Date().toISOString(),
        features: page.features,
        links,
      };
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    { schema: { params: FeatureParams, querystring: FeatureQuery, response: { 200: Feature } } },
    async (request, reply) => {
      checkFormat(request.query.f);
      const crs = parseOutputCrs(request.query.crs, 'crs');
      const featureId = parseFeatureId(request.params.featureId);
      const { id, fields } = await visibleCollection(app, request, request.params.collectionId);
      const feature = featureId === null ? null : await app.repos.layers.get(id, featureId, fields, crs.epsg);
      reply.header('Content-Crs', `<${crs.uri}>`);
      if (!feature) throw featureNotFound(id, request.params.featureId);
      reply.type(GEOJSON_TYPE);
      return {
        ...feature,
        links: [
          { href: requestUrlWith(request), rel: 'self', type: GEOJSON_TYPE, title: 'This feature' },
          { href: absolute(request, `/ogc/collections/${id}`), rel: 'collection', type: JSON_TYPE },
        ],
      };
    },
  );
};
export default items;
