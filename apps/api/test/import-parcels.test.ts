import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';
import { square } from './helpers/staff.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-parcels-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A GeoPackage of restoration parcels written by GDAL. */
function parcelsFile(name: string, features: GeoJSON.Feature[]): FormFile {
  const source = path.join(dir, `${name}.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  const out = path.join(dir, `${name}.gpkg`);
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-nln', 'parcels', out, source]);
  return { field: 'file', name: `${name}.gpkg`, type: 'application/geopackage+sqlite3', bytes: fs.readFileSync(out) };
}

const parcel = (code: string, geometry: GeoJSON.Polygon, extra: Record<string, unknown> = {}): GeoJSON.Feature => ({
  type: 'Feature',
  properties: { code, name: `${code} 治理区`, mineCategory: 'production', plannedYear: 2022, method: '覆土绿化', ...extra },
  geometry,
});

type Township = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { adminCode: string; name: string }>;

describe.each(TEST_DATABASES)('importing restoration parcels (their township from the map) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let townships: Township[];
  const call = (method: 'GET' | 'POST', url: string) => t.app.inject({ method, url, headers: { cookie: admin } });
  const upload = async (fields: Record<string, string>, file: FormFile) => {
    const response = await postImport(t.app, fields, file, admin);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  /** A point well inside a township (PostGIS's point on surface). */
  const inside = async (code: string): Promise<[number, number]> => {
    const row = (await t.db.knex.raw(`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM admin_areas WHERE admin_code = ?) s`, [code])).rows[0];
    return [Number(row.x), Number(row.y)];
  };
  const township2022 = async (code?: string) => {
    const summary = (await call('GET', `/api/restoration/summary?asOf=2025-01-01${code ? `&township=${code}` : ''}`)).json();
    return summary.rows.find((r: { year: number; category: string }) => r.year === 2022 && r.category === 'production');
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
    townships = (await call('GET', '/ogc/collections/townships/items?limit=100')).json().features;
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives each parcel the township that holds most of it, or the one the file names, and counts it in the indicators', async () => {
    const [a, b] = [townships[0].properties.adminCode, townships[1].properties.adminCode];
    // A parcel across the border of two townships: the larger share decides (reckoned by turf, apart from the database).
    const border = (
      await t.db.knex.raw(`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM admin_areas a
         JOIN admin_areas b ON b.level = 'township' AND a.admin_code < b.admin_code AND ST_Intersects(a.geom, b.geom)
         CROSS JOIN LATERAL (SELECT ST_PointOnSurface(ST_Intersection(ST_Buffer(a.geom, 0.0005), ST_Buffer(b.geom, 0.0005))) AS p) s
        WHERE a.level = 'township' ORDER BY a.admin_code, b.admin_code LIMIT 1`)
    ).rows[0];
    const across = square([Number(border.x) + 0.0004, Number(border.y)], 120);
    const shares = townships.map((tw) => {
      const common = turf.intersect(turf.featureCollection([tw, turf.feature(across)]));
      return [tw.properties.adminCode, common ? turf.area(common) : 0] as const;
    });
    expect(shares.filter(([, area]) => area > 1).length).toBe(2);
    const expectedAcross = [...shares].sort((x, y) => y[1] - x[1])[0][0];

    const before = await township2022();
    const file = parcelsFile(`parcels-${kind}`, [
      parcel('ZL2025-01', square(await inside(a), 40)),
      parcel('ZL2025-02', across),
      parcel('ZL2025-03', square(await inside(a), 30), { township: townships[1].properties.name }),
    ]);
    const preview = await upload({ layer: 'restoration_parcels', mode: 'upsert' }, file);
    expect(preview.problems, JSON.stringify(preview.problems)).toEqual([]);
    expect(preview.sample.map((s: { township: string }) => s.township)).toEqual([
      townships[0].properties.name,
      townships.find((tw) => tw.properties.adminCode === expectedAcross)!.properties.name,
      townships[1].properties.name,
    ]);
    const committed = await call('POST', `/api/imports/${preview.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ added: 3, changed: 0, removed: 0 });

    const stored = await t.db.knex('restoration_parcels').whereIn('code', ['ZL2025-01', 'ZL2025-02', 'ZL2025-03']).orderBy('code').pluck('township_code');
    expect(stored).toEqual([a, expectedAcross, b]);

    // The indicators count them: the 2022 production row plans their area more, in the county and in township a.
    const states = (await call('GET', '/api/restoration/parcels')).json().parcels;
    const ids = new Map((await t.db.knex('restoration_parcels').select('code', 'id')).map((r: { code: string; id: number }) => [r.code, r.id]));
    const areaOf = (code: string) => states.find((p: { id: number }) => p.id === ids.get(code)).areaMu as number;
    const after = await township2022();
    expect(after.plannedMu).toBeCloseTo(before.plannedMu + areaOf('ZL2025-01') + areaOf('ZL2025-02') + areaOf('ZL2025-03'), 1);
    const inA = (await call('GET', `/api/restoration/summary?asOf=2025-01-01&township=${a}`)).json();
    expect(inA.details.some((d: { townshipCode: string; year: number; parcels: number }) => d.townshipCode === a && d.year === 2022)).toBe(true);

    // Restoring the layer as it was removes them and leaves every demo parcel in its township.
    const demoBefore = await t.db.knex('restoration_parcels').whereNotIn('code', ['ZL2025-01', 'ZL2025-02', 'ZL2025-03']).orderBy('code').select('code', 'township_code');
    const restored = await call('POST', `/api/layers/restoration_parcels/revisions/${committed.json().revision}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await t.db.knex('restoration_parcels').orderBy('code').select('code', 'township_code')).toEqual(demoBefore);
    expect((await township2022()).plannedMu).toBeCloseTo(before.plannedMu, 2);
  });

  it('writes a parcel given no township code (a file without one, a restore) with the township that holds most of it', async () => {
    const code = townships[2].properties.adminCode;
    const properties = { code: 'ZL2025-21', name: '直接写入治理区', mineCategory: 'abandoned', plannedYear: 2021 };
    await t.app.repos.layers.insert('restoration_parcels', [{ geometry: square(await inside(code), 25), properties }]);
    expect(await t.db.knex('restoration_parcels').where({ code: 'ZL2025-21' }).first('township_code')).toEqual({ township_code: code });
    // Outside every township the row is refused (township_code is NOT NULL), never stored without one.
    const outside = t.app.repos.layers.insert('restoration_parcels', [{ geometry: square([108.0, 35.0], 25), properties: { ...properties, code: 'ZL2025-22' } }]);
    await expect(outside).rejects.toThrow(/township_code/);
  });

  it('says which parcel lies in no township and which names a township the county does not have; nothing is written', async () => {
    const count = async () => Number((await t.db.knex('restoration_parcels').count<{ n: string }[]>({ n: '*' }))[0].n);
    const before = await count();
    const file = parcelsFile(`bad-parcels-${kind}`, [
      parcel('ZL2025-11', square(await inside(townships[0].properties.adminCode), 40)),
      parcel('ZL2025-12', square([108.0, 35.0], 40)),
      parcel('ZL2025-13', square(await inside(townships[0].properties.adminCode), 20), { township: '不存在镇' }),
    ]);
    const preview = await upload({ layer: 'restoration_parcels', mode: 'upsert' }, file);
    expect(preview.committable).toBe(false);
    const reasons = preview.problems.map((p: { feature: number; reason: string }) => [p.feature, p.reason]);
    expect(reasons).toContainEqual([1, 'noTownship']);
    expect(reasons).toContainEqual([2, 'unknownTownship']);
    expect(reasons.filter(([feature]: [number]) => feature === 0)).toEqual([]);
    expect((await call('POST', `/api/imports/${preview.id}/commit`)).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
