import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { absolute } from '../../http/origin.ts';
import { escapeHtml as e } from '../../plugins/app/reports/html.ts';
import { GEOJSON_TYPE, JSON_TYPE, OPENAPI_TYPE } from './links.ts';
import { checkFormat, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from './params.ts';
import { FormatQuery } from './schemas.ts';

const json = (description: string, type = JSON_TYPE) => ({
  description,
  content: { [type]: { schema: { type: 'object' } } },
});

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/**
 * The OpenAPI 3.0 definition of `/ogc`: exactly the paths and query parameters implemented.
 * No property filters are declared: GDAL pushes a declared filter to the server and then trusts
 * the answer without checking it.
 */
export function openApiDocument(serverUrl: string) {
  const f = ref('f');
  return {
    openapi: '3.0.3',
    info: {
      title: '县级矿产资源规划与矿山治理一张图 OGC API – Features',
      version: '1.0.0',
      description:
        'Layers of the county mineral-resource plan as GeoJSON in CRS84. Anonymous callers see the layers ' +
        'the county has made public; staff sign in with HTTP Basic and see every layer and field.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
      parameters: {
        f: {
          name: 'f',
          in: 'query',
          required: false,
          description: 'Encoding of the response; only JSON is served.',
          schema: { type: 'string', enum: ['json'] },
        },
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description:
            'minLon,minLat,maxLon,maxLat in CRS84 degrees (a 3D box of 6 numbers is accepted, heights ignored); ' +
            'features that intersect it.',
          style: 'form',
          explode: false,
          schema: {
            type: 'array',
            oneOf: [
              { minItems: 4, maxItems: 4 },
              { minItems: 6, maxItems: 6 },
            ],
            items: { type: 'number' },
          },
        },
        'bbox-crs': {
          name: 'bbox-crs',
          in: 'query',
          required: false,
          description: 'The CRS of bbox, in its own axis order (OGC API – Features Part 2); CRS84 when absent.',
          schema: { type: 'string', format: 'uri' },
        },
        crs: {
          name: 'crs',
          in: 'query',
          required: false,
          description:
            'The CRS to answer in, one of the collection\'s `crs` list (OGC API – Features Part 2): CRS84 (default), ' +
            'EPSG:4490 (latitude first) or a CGCS2000 Gauss–Krüger zone (northing first, metres).',
          schema: { type: 'string', format: 'uri' },
        },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Features per page; a larger value is lowered to the maximum.',
          style: 'form',
          explode: false,
          schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          description:
            'An instant or an interval (`start/end`, `..` for an open end), RFC 3339, as days in China time: on the ' +
            'licence registers (mining_rights, exploration_rights) the rights in force at some day of it; other layers have no time and ignore it.',
          schema: { type: 'string' },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          description: 'Features to skip (in id order); used by the `next` links.',
          style: 'form',
          explode: false,
          schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
        },
      },
    },
    security: [{}, { basic: [] }],
    paths: {
      '/': {
        get: { operationId: 'getLandingPage', parameters: [f], responses: { 200: json('Landing page') } },
      },
      '/conformance': {
        get: { operationId: 'getConformance', parameters: [f], responses: { 200: json('Conformance classes') } },
      },
      '/api': {
        get: { operationId: 'getApi', responses: { 200: json('This document', OPENAPI_TYPE) } },
      },
      '/api.html': {
        get: { operationId: 'getApiDocumentation', responses: { 200: { description: 'This document as a web page', content: { 'text/html': {} } } } },
      },
      '/collections': {
        get: { operationId: 'getCollections', parameters: [f], responses: { 200: json('Collections') } },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          parameters: [ref('collectionId'), f],
          responses: { 200: json('Collection'), 404: json('No such collection') },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [ref('collectionId'), ref('bbox'), ref('bbox-crs'), ref('crs'), ref('limit'), ref('offset'), ref('datetime'), f],
          responses: {
            200: json('GeoJSON FeatureCollection', GEOJSON_TYPE),
            400: json('A query parameter is invalid'),
            404: json('No such collection'),
          },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [ref('collectionId'), ref('featureId'), ref('crs'), f],
          responses: {
            200: json('GeoJSON Feature', GEOJSON_TYPE),
            400: json('The feature id is not an integer'),
            404: json('No such collection or feature'),
          },
        },
      },
    },
  };
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

/** The OpenAPI definition as a web page a person reads (the landing page's `service-doc`). */
export function openApiPage(document: ReturnType<typeof openApiDocument>): string {
  const parameters = document.components.parameters as Record<string, Parameter>;
  const resolve = (p: Parameter | { $ref: string }) => ('$ref' in p ? parameters[p.$ref.split('/').pop()!] : p);
  const operations = Object.entries(document.paths).map(([path, { get }]) => {
    const rows = ((get as { parameters?: (Parameter | { $ref: string })[] }).parameters ?? []).map(resolve).map(
      (p) => `<tr><td><code>${e(p.name)}</code></td><td>${e(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${e(p.description ?? '')}</td></tr>`,
    );
    const responses = Object.entries(get.responses as Record<string, { description: string }>).map(([code, r]) => `<li>${e(code)}: ${e(r.description)}</li>`);
    return (
      `<section><h2><code>GET ${e(document.servers[0].url)}${e(path)}</code></h2>` +
      (rows.length ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '') +
      `<ul>${responses.join('')}</ul></section>`
    );
  });
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(document.info.title)}</title></head><body>` +
    `<h1>${e(document.info.title)}</h1><p>${e(document.info.description)}</p>` +
    `<p>The same as OpenAPI ${e(document.openapi)}: <a href="${e(document.servers[0].url)}/api">${e(document.servers[0].url)}/api</a>.</p>` +
    `${operations.join('')}</body></html>`
  );
}

/** `GET /ogc/api`: the OpenAPI 3.0 definition; `GET /ogc/api.html`: the same as a web page. */
const openapi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/ogc/api', { schema: { querystring: FormatQuery } }, async (request, reply) => {
    checkFormat(request.query.f);
    // With the charset given, Fastify leaves the header alone instead of quoting `version="3.0"`,
    // which GDAL does not recognise as the OpenAPI media type.
    reply.header('content-type', `${OPENAPI_TYPE}; charset=utf-8`);
    return openApiDocument(absolute(request, '/ogc'));
  });
  app.get('/ogc/api.html', async (request, reply) => reply.type('text/html; charset=utf-8').send(openApiPage(openApiDocument(absolute(request, '/ogc')))));
};
export default openapi;
