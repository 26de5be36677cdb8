import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-mapping-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const square = (lon: number, lat: number, sideDeg = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + sideDeg, lat], [lon + sideDeg, lat + sideDeg], [lon, lat + sideDeg], [lon, lat]]],
});

/** A GeoPackage written by GDAL from features with these attributes (column names no automatic match knows). */
function gpkg(name: string, rows: Record<string, unknown>[]): FormFile {
  const source = path.join(dir, `${name}.geojson`);
  const features = rows.map((properties, i) => ({ type: 'Feature', properties, geometry: square(108.31 + i * 0.01, 35.46) }));
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  const out = path.join(dir, `${name}.gpkg`);
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-nln', 'parcels', out, source]);
  return { field: 'file', name: `${name}.gpkg`, type: 'application/geopackage+sqlite3', bytes: fs.readFileSync(out) };
}

describe.each(TEST_DATABASES)('the field mapping of an import, saved and offered again, on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const upload = async (fields: Record<string, string>, file: FormFile) => {
    const response = await postImport(t.app, fields, file, admin);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const commit = async (id: string) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: { cookie: admin } });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('offers the mapping of the last commit for the same columns or more, says so, and leaves a mapping sent as it is', async () => {
    const first = gpkg('first', [{ DKMC: '东庄基本农田', GDLX: '永久基本农田', BZ: '甲' }]);
    const automatic = await upload({ layer: 'farmland' }, first);
    expect(automatic).toMatchObject({ mapping: { DKMC: null, GDLX: null, BZ: null }, mappingSaved: false, committable: false });
    const mapping = { DKMC: 'name', GDLX: 'farmlandClass', BZ: null };
    const mapped = await upload({ layer: 'farmland', mapping: JSON.stringify(mapping) }, first);
    expect(mapped).toMatchObject({ mapping, mappingSaved: false, committable: true });

    // A preview that is not committed saves nothing.
    expect((await upload({ layer: 'farmland' }, first)).mappingSaved).toBe(false);
    await commit(mapped.id);

    const same = await upload({ layer: 'farmland' }, gpkg('same', [{ DKMC: '西庄基本农田', GDLX: '可耕地', BZ: '乙' }]));
    expect(same).toMatchObject({ mapping, mappingSaved: true, committable: true });
    expect(same.sample[0]).toMatchObject({ name: '西庄基本农田', farmlandClass: 'cultivable' });

    // More columns: the saved mapping for its own, the automatic match for the new ones.
    const more = await upload({ layer: 'farmland' }, gpkg('more', [{ DKMC: '南庄基本农田', GDLX: '可耕地', BZ: '丙', 名称: '别名' }]));
    expect(more).toMatchObject({ mapping: { ...mapping, 名称: null }, mappingSaved: true, committable: true });
    expect(more.sample[0].name).toBe('南庄基本农田');

    // Fewer columns, another layer, or a mapping sent: the saved mapping does not apply.
    const fewer = await upload({ layer: 'farmland' }, gpkg('fewer', [{ DKMC: '北庄基本农田', GDLX: '可耕地' }]));
    expect(fewer).toMatchObject({ mapping: { DKMC: null, GDLX: null }, mappingSaved: false });
    const other = await upload({ layer: 'eco_redline' }, gpkg('other', [{ DKMC: '红线', GDLX: '可耕地', BZ: '丁' }]));
    expect(other.mappingSaved).toBe(false);
    const sent = await upload({ layer: 'farmland', mapping: JSON.stringify({ BZ: 'name' }) }, gpkg('sent', [{ DKMC: '东庄', GDLX: '可耕地', BZ: '戊' }]));
    expect(sent).toMatchObject({ mapping: { DKMC: null, GDLX: null, BZ: 'name' }, mappingSaved: false });

    // The mapping of the latest commit replaces the one saved for the same columns.
    const changed = { DKMC: null, GDLX: 'farmlandClass', BZ: 'name' };
    await commit((await upload({ layer: 'farmland', mapping: JSON.stringify(changed) }, gpkg('changed', [{ DKMC: 'x', GDLX: '可耕地', BZ: '己' }]))).id);
    expect(await upload({ layer: 'farmland' }, gpkg('after', [{ DKMC: 'y', GDLX: '可耕地', BZ: '庚' }]))).toMatchObject({ mapping: changed, mappingSaved: true });
    const saved = await t.db.knex('import_mappings').where({ layer_id: 'farmland' });
    expect(saved).toHaveLength(1);
  });
});
