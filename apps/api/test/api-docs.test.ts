import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/** The API describes itself: OpenAPI from the routes' own TypeBox schemas, and a page to browse it. */
describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('serves an OpenAPI document of the /api routes at /api/openapi.json', async () => {
    const response = await t.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toEqual(expect.any(String));
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/check', '/api/ledger', '/api/layers', '/api/layers/{id}', '/api/auth/login']));
    expect(paths.filter((p) => !p.startsWith('/api/'))).toEqual([]);
    expect(paths).not.toContain('/api/openapi.json');
    const check = document.paths['/api/check'].post;
    expect(check.requestBody.content['application/json'].schema.properties).toHaveProperty('geometry');
    expect(check.responses['200']).toBeDefined();
  });

  it('serves a page that browses it at /api/docs, with its own assets under the page CSP', async () => {
    const page = await t.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    for (const asset of ['swagger-ui-bundle.js', 'swagger-initializer.js', 'swagger-ui.css']) {
      const src = page.body.match(new RegExp(`(?:src|href)="([^"]*${asset.replace('.', '\\.')})"`))?.[1];
      expect(src, asset).toBeDefined();
      const url = new URL(src!, 'http://localhost/api/docs/').pathname;
      expect((await t.app.inject(url)).statusCode, url).toBe(200);
    }
    const initializer = (await t.app.inject('/api/docs/static/swagger-initializer.js')).body;
    expect(initializer).toContain('/api/openapi.json');
  });
});
