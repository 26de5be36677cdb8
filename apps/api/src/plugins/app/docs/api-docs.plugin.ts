import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import pkg from '../../../../package.json' with { type: 'json' };

/** Where the OpenAPI document of `/api` is served. */
export const OPENAPI_URL = '/api/openapi.json';

/**
 * The `/api` routes described as OpenAPI 3.1, built from their own TypeBox schemas, at
 * `/api/openapi.json`, and browsable at `/api/docs` (Swagger UI, its assets served from here, so
 * it works offline and under the app's CSP). `/ogc` has its own OpenAPI document; it, `/tiles`
 * and `/health` are left out. Registered before the routes, so that it sees them all.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Mineral plan map API (矿产资源规划与矿山治理一张图)',
          version: pkg.version,
          description: 'Errors carry a stable `code` and a `message` in Chinese or English, as `Accept-Language` asks.',
        },
      },
      transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { url: OPENAPI_URL, validatorUrl: null },
      // Swagger UI writes its own <style> elements: its pages alone allow inline styles.
      transformStaticCSP: (header) => header.replace(/style-src 'self'(?=;|$)/, "style-src 'self' 'unsafe-inline'"),
    });
    app.get(OPENAPI_URL, { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'api-docs' },
);
