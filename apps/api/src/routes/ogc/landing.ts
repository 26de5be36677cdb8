import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { absolute } from '../../http/origin.ts';
import { JSON_TYPE, OPENAPI_TYPE } from './links.ts';
import { checkFormat } from './params.ts';
import { Conformance, FormatQuery, LandingPage } from './schemas.ts';

/** Conformance classes of OGC API – Features (Part 1, and Part 2's CRS by reference) that this service meets. */
export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

/** `GET /ogc` (landing page) and `GET /ogc/conformance`. */
const landing: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ogc',
    { schema: { querystring: FormatQuery, response: { 200: LandingPage } } },
    async (request) => {
      checkFormat(request.query.f);
      return {
        title: '县级矿产资源规划与矿山治理一张图',
        description: 'County mineral-resource plan and mine-governance map: OGC API – Features (Part 1, Core).',
        links: [
          { href: absolute(request, '/ogc'), rel: 'self', type: JSON_TYPE, title: 'This document' },
          { href: absolute(request, '/ogc/api'), rel: 'service-desc', type: OPENAPI_TYPE, title: 'API definition' },
          { href: absolute(request, '/ogc/api.html'), rel: 'service-doc', type: 'text/html', title: 'API documentation' },
          { href: absolute(request, '/ogc/conformance'), rel: 'conformance', type: JSON_TYPE, title: 'Conformance' },
          { href: absolute(request, '/ogc/collections'), rel: 'data', type: JSON_TYPE, title: 'Collections' },
        ],
      };
    },
  );

  app.get(
    '/ogc/conformance',
    { schema: { querystring: FormatQuery, response: { 200: Conformance } } },
    async (request) => {
      checkFormat(request.query.f);
      return { conformsTo: CONFORMANCE_CLASSES };
    },
  );
};
export default landing;
