import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { REPO_ROOT, loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/connect.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES, openEmptyDatabase } from './helpers/databases.ts';
import { multipartForm, type FormFile } from './helpers/photo-fixtures.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-county-setup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const demo = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, `data/demo/${id}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

/** The demo's features with their attributes renamed as a bureau's files name them (`rename`: demo key → file column). */
function asBureauFile(id: string, rename: Record<string, string>): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: demo(id).features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: Object.fromEntries(Object.entries(rename).map(([key, column]) => [column, f.properties![key]])),
    })),
  };
}

/** A file made by GDAL from a GeoJSON collection (`args` before the output path), as the form sends it. */
function gdalFile(name: string, collection: GeoJSON.FeatureCollection, args: string[]): FormFile {
  const source = path.join(dir, `${name}.src.geojson`);
  fs.writeFileSync(source, JSON.stringify(collection));
  const out = path.join(dir, name);
  execFileSync('ogr2ogr', [...args, out, source]);
  return { field: 'file', name, type: 'application/octet-stream', bytes: fs.readFileSync(out) };
}

/** A 300 m square (about 0.0027° of latitude) centred on `[lon, lat]`. */
function squareAround([lon, lat]: GeoJSON.Position): GeoJSON.Polygon {
  const dLat = 150 / 111_000;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return {
    type: 'Polygon',
    coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]],
  };
}

describe.each(TEST_DATABASES)('a county set up from nothing (LOAD_DEMO=false) on %s', (kind) => {
  let db: Database;
  let app: FastifyInstance;
  let admin: string;
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, cookie = admin) =>
    app.inject({ method, url, payload, headers: { cookie, 'accept-language': 'zh-CN' } });
  const importLayer = async (layer: string, file: FormFile, fields: Record<string, string> = {}) => {
    const form = multipartForm({ layer, ...fields }, file);
    const preview = await app.inject({ method: 'POST', url: '/api/imports', payload: form.payload, headers: { ...form.headers, cookie: admin } });
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().problems).toEqual([]);
    const commit = await call('POST', `/api/imports/${preview.json().id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    return preview.json();
  };
  const counts = async () =>
    Object.fromEntries(((await call('GET', '/api/layers')).json().layers as { id: string; featureCount: number }[]).map((l) => [l.id, l.featureCount]));

  beforeAll(async () => {
    db = await openEmptyDatabase(kind);
    app = await buildApp({ db, config: { ...loadConfig({}), logLevel: 'warn' }, logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
    admin = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('starts with no county: no profile, no extent, every layer empty', async () => {
    expect((await call('GET', '/api/config')).json()).toMatchObject({ county: null, bounds: null });
    expect((await call('GET', '/api/settings/county')).json()).toEqual({ county: null, stored: false, version: 0, updatedAt: null, updatedBy: null });
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  });

  it('takes the county’s name, code and zone from an admin, refusing what is malformed in the user’s language', async () => {
    const profile = { name: '正宁县', adminCode: '621025', gkZone: 36 };
    expect((await call('PUT', '/api/settings/county', profile, '')).statusCode).toBe(401);
    const refused = [
      [{ ...profile, adminCode: '62102' }, 'invalidAdminCode', '6 位数字'],
      [{ ...profile, gkZone: 50 }, 'invalidGkZone', '25–45'],
      [{ ...profile, name: '  ' }, 'missingCountyName', '名称'],
    ] as const;
    for (const [body, code, words] of refused) {
      const response = await call('PUT', '/api/settings/county', body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe(code);
      expect(response.json().message).toContain(words);
    }
    const saved = await call('PUT', '/api/settings/county', { ...profile, name: ' 正宁县 ' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ county: profile, stored: true, version: 1, updatedAt: expect.any(String), updatedBy: expect.any(String) });
    expect((await call('GET', '/api/config', undefined, '')).json().county).toEqual(profile);
    const audit = await db.knex('audit_log').where({ entity: 'county_settings', entity_id: 'county' });
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ before: null, after: profile });
  });

  it('imports the boundary named by the profile, then townships and the red line from GDAL files, and checks a block on them', async () => {
    // The boundary as a bureau often has it: the polygon alone, in the county's zone.
    const boundary = { type: 'FeatureCollection' as const, features: demo('county').features.map((f) => ({ ...f, properties: {} })) };
    const county = await importLayer('county', gdalFile('county.geojson', boundary, ['-f', 'GeoJSON', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-lco', 'COORDINATE_PRECISION=4']));
    expect(county.sample[0]).toMatchObject({ name: '正宁县', adminCode: '621025' });
    await importLayer('townships', gdalFile('townships.gpkg', asBureauFile('townships', { name: 'XZQMC', adminCode: 'XZQDM' }), ['-f', 'GPKG']));
    const redLine = gdalFile('eco_redline.geojson', asBureauFile('eco_redline', { name: '名称' }), ['-f', 'GeoJSON']);
    await importLayer('eco_redline', redLine);
    expect(await counts()).toMatchObject({ county: 1, townships: demo('townships').features.length, eco_redline: 2, farmland: 0 });

    const config = (await call('GET', '/api/config')).json();
    expect(config.bounds).toHaveLength(4);
    const crs = (await call('GET', '/ogc/collections/eco_redline')).json().crs;
    expect(crs).toContain('http://www.opengis.net/def/crs/EPSG/0/4524');

    // A zone far from the boundary now loaded is refused: a mistyped zone, not a neighbour's.
    const far = await call('PUT', '/api/settings/county', { name: '正宁县', adminCode: '621025', gkZone: 40 });
    expect(far.statusCode).toBe(400);
    expect(far.json().code).toBe('zoneFarFromCounty');

    const corner = (demo('eco_redline').features[0].geometry as GeoJSON.Polygon).coordinates[0][0];
    const proposal = { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' };
    const check = await call('POST', '/api/check', { geometry: squareAround(corner), proposal });
    expect(check.statusCode, check.body).toBe(200);
    const redLineFinding = check.json().findings.find((f: { ruleId: string }) => f.ruleId === 'ecoRedline');
    expect(redLineFinding).toMatchObject({ outcome: 'forbidden' });
  });
});

describe.each(TEST_DATABASES)('the demo county’s profile on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('is derived from its boundary until an admin sets one', async () => {
    const expected = { county: { name: '正宁县（示范）', adminCode: '621025', gkZone: 36 }, stored: false };
    // Anonymous callers get the version, not who saved it.
    expect((await t.app.inject({ method: 'GET', url: '/api/settings/county' })).json()).toEqual({ ...expected, version: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json().county).toEqual(expected.county);
  });
});
