import fs from 'node:fs';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES } from './helpers/databases.ts';
import { staffPassword } from './helpers/staff.ts';
import { body, pathParameter, queryString, type Schema } from './properties/arbitraries.ts';
import { rowCounter } from './properties/row-counts.ts';
import { judge } from './properties/judge.ts';

/**
 * Generated requests to every JSON write route and every route with query parameters (#14): no
 * 5xx, every 4xx names its problem in the reader's language, and a refused write leaves every
 * table's row count as it was. PROPERTY_RUNS inputs per route (the 1 000 when asked; few
 * by default, to keep CI short); with PROPERTY_LOG set, each route's count and outcome go to that file.
 */
const RUNS = Number(process.env.PROPERTY_RUNS || 6);
const log = (line: string) => process.env.PROPERTY_LOG && fs.appendFileSync(process.env.PROPERTY_LOG, `${line}\n`);
/** A client address of its own for each request, so the per-address limits never hold the properties back. */
const anyAddress = fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.99.${a}.${b}`);
let signIns = 0;

/** Write routes that take no JSON body, and why; every other write route's body is generated from its schema. */
const NO_JSON_BODY: Record<string, string> = {
  'POST /api/auth/logout': 'no body',
  'DELETE /api/layers/:id/features/:fid': 'baseVersion in the query',
  'POST /api/users/:id/sign-out-everywhere': 'no body',
  'POST /api/users/sign-out-all': 'no body',
  'POST /api/imports': 'multipart upload (import-upload.test.ts)',
  'POST /api/imports/:id/commit': 'no body',
  'POST /api/layers/:id/revisions/:rev/restore': 'no body',
  'POST /api/ledger/:id/photos': 'multipart upload (photos.test.ts)',
  'POST /api/tip-offs': 'multipart upload (tip-offs.test.ts)',
  'POST /api/sweep/runs': 'no body',
  'POST /api/sweep/findings/:id/lead': 'no body',
  'POST /api/elevation-surveys/:id/lead': 'no body',
};

/** Routes outside the properties: the API browser's own pages and files. */
const OUTSIDE = /^\/api\/(docs|openapi\.json)/;

const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

interface Route {
  method: string;
  url: string;
  params: string[];
  body?: Schema;
  query?: Schema;
}

function routesOf(options: RouteOptions[]): Route[] {
  return options.flatMap((r) => {
    const schema = (r.schema ?? {}) as { body?: Schema; querystring?: Schema };
    const methods = ([] as string[]).concat(r.method).filter((m) => m !== 'HEAD');
    return methods.map((method) => ({ method, url: r.url, params: [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]), body: schema.body, query: schema.querystring }));
  });
}

describe.each(TEST_DATABASES)('generated requests on %s', (kind) => {
  let t: TestApp;
  const options: RouteOptions[] = [];
  let routes: Route[];
  let cookie: string;
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await createTestApp(kind, { checksPerMinute: 1_000_000, tipOffsPerHour: 1_000_000 }, (route) => options.push(route));
    routes = routesOf(options).filter((r) => !OUTSIDE.test(r.url) && r.url !== '/health');
    cookie = await t.login();
    // A spare account for the users routes, so that the admin signed in here is never the one changed.
    const spare = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'spare', displayName: '备用', role: 'inspector', password: staffPassword('spare') },
    });
    const { layers } = (await t.app.inject({ url: '/api/layers', headers: { cookie } })).json() as { layers: { id: string }[] };
    const layerIds = layers.map((l) => String(l.id));
    Object.assign(known, {
      id: ['1', '2', '3'],
      users: [String(spare.json().id)],
      layers: layerIds,
      collectionId: layerIds,
      collection: ['miningRights', 'explorationRights'],
      z: ['10', '14'],
      x: ['820', '13133'],
      y: ['410', '6560'],
      year: ['2024', '2025'],
      receiptCode: ['ABCD-1234'],
    });
  });
  afterAll(() => t?.close());

  /** Values for path parameter `name` of `url`. */
  const values = (url: string, name: string) =>
    (name === 'id' && url.startsWith('/api/users/') && known.users) ||
    (name === 'id' && /^\/(api\/layers|tiles)\//.test(url) && known.layers) ||
    known[name] ||
    ['1', '2'];

  it('has a generator for every write route: its body schema, or a reason it takes no JSON', () => {
    const bodiless = routes.filter((r) => WRITE.includes(r.method) && !r.body).map(key);
    expect(bodiless.sort()).toEqual(Object.keys(NO_JSON_BODY).sort());
  });

  /** Signs the admin in again (after a request ended the session), from an address of its own. */
  async function signIn(): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD }, remoteAddress: `10.98.0.${++signIns % 250}` });
    expect(response.statusCode, response.body).toBe(200);
    return `mpm_session=${response.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  }

  function requests(route: Route) {
    const params = fc.record(Object.fromEntries(route.params.map((p) => [p, pathParameter(values(route.url, p))])));
    return fc.record({
      params,
      query: queryString(route.query),
      body: route.body ? body(route.body) : fc.constant<{ raw?: string; json?: unknown }>({}),
      english: fc.boolean(),
      address: anyAddress,
    });
  }

  it('answers every write route with no 5xx, a named 4xx, and nothing written when it refuses', { timeout: 600_000 + RUNS * 60_000 }, async () => {
    const counts = await rowCounter(t.db.knex);
    let before = await counts();
    const failures: string[] = [];
    for (const route of routes.filter((r) => WRITE.includes(r.method))) {
      const result = await fc.check(
        fc.asyncProperty(requests(route), async (request) => {
          const response = await t.app.inject({
            method: route.method as 'POST',
            url: route.url.replace(/:(\w+)/g, (_, p: string) => request.params[p]) + request.query,
            headers: {
              cookie,
              ...(request.english ? { 'accept-language': 'en' } : {}),
              ...(request.body.json !== undefined || request.body.raw !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            payload: request.body.raw ?? (request.body.json === undefined ? undefined : JSON.stringify(request.body.json)),
            remoteAddress: request.address,
          });
          judge(response, request.english);
          const after = await counts();
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]).map((table) => `${table} ${before[table]}→${after[table]}`);
          if (response.statusCode >= 400) expect(changed, `${response.statusCode} ${response.body}`).toEqual([]);
          before = after;
          if (response.statusCode === 401) {
            // The request ended this session (sign-out, a password change): sign in again, outside the count.
            cookie = await signIn();
            before = await counts();
          }
        }),
        { numRuns: RUNS },
      );
      if (result.failed) failures.push(`${key(route)}: ${JSON.stringify(result.counterexample)} ${String(result.errorInstance).slice(0, 600)}`);
      log(`${kind}\t${key(route)}\t${result.numRuns}\t${result.failed ? 'FAILED' : 'ok'}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers every route\'s query parameters with no 5xx and a named 4xx', { timeout: 600_000 + RUNS * 60_000 }, async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && r.query)) {
      const result = await fc.check(
        fc.asyncProperty(requests(route), async (request) => {
          const response = await t.app.inject({
            method: 'GET',
            url: route.url.replace(/:(\w+)/g, (_, p: string) => request.params[p]) + request.query,
            headers: { cookie, ...(request.english ? { 'accept-language': 'en' } : {}) },
            remoteAddress: request.address,
          });
          judge(response, request.english);
        }),
        { numRuns: RUNS },
      );
      if (result.failed) failures.push(`${key(route)}: ${JSON.stringify(result.counterexample)} ${String(result.errorInstance).slice(0, 600)}`);
      log(`${kind}\t${key(route)}\t${result.numRuns}\t${result.failed ? 'FAILED' : 'ok'}`);
    }
    expect(failures).toEqual([]);
  });
});
