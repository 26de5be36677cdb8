import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { term, type CollectionId } from '@mpm/domain';
import type { BBox } from '../../plugins/app/layers/layers-repository.ts';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { absolute } from '../../http/origin.ts';
import { visibleCollection, visibleLayers } from '../../plugins/app/layers/layer-access.ts';
import { CRS84, epsgUri, offeredCrs } from '../../plugins/app/layers/output-crs.ts';
import { countyProfile } from '../../plugins/app/settings/county-profile.ts';
import { CGCS2000_EPSG } from '@mpm/geo';
import { GEOJSON_TYPE, JSON_TYPE } from './links.ts';
import { checkFormat } from './params.ts';
import { Collection, CollectionParams, Collections, FormatQuery } from './schemas.ts';

/**
 * A collection's description: Chinese title, English description, CRS84 extent, the CRSs it is
 * served in (stored in CGCS2000; also the county's Gauss–Krüger zone) and links.
 */
function describe(request: FastifyRequest, id: CollectionId, bbox: BBox | undefined, gkZone: number | undefined): Static<typeof Collection> {
  const self = `/ogc/collections/${id}`;
  return {
    id,
    title: term(id, 'zh'),
    description: term(id, 'en'),
    itemType: 'feature',
    crs: offeredCrs(gkZone),
    storageCrs: epsgUri(CGCS2000_EPSG),
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    links: [
      { href: absolute(request, self), rel: 'self', type: JSON_TYPE, title: 'This collection' },
      { href: absolute(request, `${self}/items`), rel: 'items', type: GEOJSON_TYPE, title: term(id, 'zh') },
    ],
  };
}

/** `GET /ogc/collections` and `GET /ogc/collections/{collectionId}`: only what the caller may see. */
const collections: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ogc/collections',
    { schema: { querystring: FormatQuery, response: { 200: Collections } } },
    async (request) => {
      checkFormat(request.query.f);
      const [ids, extents, { county }] = await Promise.all([
        visibleLayers(app, isStaffRequest(request)),
        app.repos.layers.extents(),
        countyProfile(app.repos.settings),
      ]);
      return {
        collections: ids.map((id) => describe(request, id, extents[id], county?.gkZone)),
        links: [{ href: absolute(request, '/ogc/collections'), rel: 'self', type: JSON_TYPE, title: 'Collections' }],
      };
    },
  );

  app.get(
    '/ogc/collections/:collectionId',
    { schema: { params: CollectionParams, querystring: FormatQuery, response: { 200: Collection } } },
    async (request) => {
      checkFormat(request.query.f);
      const { id } = await visibleCollection(app, request, request.params.collectionId);
      const [extents, { county }] = await Promise.all([app.repos.layers.extents(), countyProfile(app.repos.settings)]);
      return describe(request, id, extents[id], county?.gkZone);
    },
  );
};
export default collections;
