import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { countImports, postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A square of `sideDeg` degrees at `[lon, lat]` (its south-west corner). */
const square = (lon: number, lat: number, sideDeg = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + sideDeg, lat], [lon + sideDeg, lat + sideDeg], [lon, lat + sideDeg], [lon, lat]]],
});

/** Writes a GeoJSON source and converts it with GDAL's ogr2ogr (the files a bureau receives); returns the files. */
function gdalFile(name: string, features: GeoJSON.Feature[], args: string[], extension: string): string[] {
  const source = path.join(dir, `${name}.src.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  const out = path.join(dir, `${name}.${extension}`);
  execFileSync('ogr2ogr', [...args, out, source]);
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.`) && !f.includes('.src.')).map((f) => path.join(dir, f));
}

const asFormFiles = (files: string[]): FormFile[] =>
  files.map((file) => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) }));

async function zipOf(files: string[]): Promise<FormFile> {
  const zip = new JSZip();
  for (const file of files) zip.file(path.basename(file), fs.readFileSync(file));
  return { field: 'file', name: 'upload.zip', type: 'application/zip', bytes: await zip.generateAsync({ type: 'nodebuffer' }) };
}

/** A zip whose entries climb out of the folder they unpack into, written by Python's zipfile. */
function escapingZip(files: string[]): FormFile {
  const out = path.join(dir, 'escaping.zip');
  const script = 'import sys, zipfile, os\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for f in sys.argv[2:]: z.write(f, "../../" + os.path.basename(f))';
  execFileSync('python3', ['-c', script, out, ...files]);
  return { field: 'file', name: 'escaping.zip', type: 'application/zip', bytes: fs.readFileSync(out) };
}

const farmland = (name: string, geometry: GeoJSON.Geometry, extra: Record<string, unknown> = {}): GeoJSON.Feature => ({
  type: 'Feature',
  properties: { 名称: name, 耕地类型: '永久基本农田', ...extra },
  geometry,
});

describe.each(TEST_DATABASES)('importing a county’s own files (数据导入) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const upload = (fields: Record<string, string>, files: FormFile | FormFile[], cookie = admin, lang = 'zh-CN') => postImport(t.app, fields, files, cookie, lang);
  const call = (method: 'GET' | 'POST', url: string, cookie = admin) => t.app.inject({ method, url, headers: { cookie } });
  const features = async (layer: string) => (await call('GET', `/ogc/collections/${layer}/items?limit=1000`)).json().features as GeoJSON.Feature[];
  const importCount = () => countImports(t.db.knex);

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('previews a GBK shapefile in a Gauss–Krüger zone, commits it as a revision, and restores the layer as it was', async () => {
    const before = await features('farmland');
    const files = gdalFile(
      'farmland-gk',
      [farmland('东庄永久基本农田', square(108.31, 35.46)), farmland('西庄永久基本农田', square(108.32, 35.47))],
      ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524'],
      'shp',
    );
    const previewed = await upload({ layer: 'farmland' }, await zipOf(files));
    expect(previewed.statusCode, previewed.body).toBe(201);
    const preview = previewed.json();
    expect(preview).toMatchObject({
      layer: 'farmland',
      format: 'ESRI Shapefile',
      encoding: 'GBK',
      encodingGuessed: false,
      crs: 'EPSG:4524',
      featureCount: 2,
      mapping: { 名称: 'name', 耕地类型: 'farmlandClass' },
      mode: 'replace',
      counts: { added: 2, changed: 0, removed: before.length },
      problems: [],
      committable: true,
    });
    expect(preview.sample.map((s: { name: string }) => s.name)).toEqual(['东庄永久基本农田', '西庄永久基本农田']);
    expect(preview.sample[0].areaMu).toBeGreaterThan(0);
    expect(await features('farmland')).toHaveLength(before.length);
    const onMap = (await call('GET', `/api/imports/${preview.id}/features`)).json();
    expect(onMap.features.map((f: GeoJSON.Feature) => [f.properties!.name, f.properties!.index, f.properties!.hasProblem])).toEqual([
      ['东庄永久基本农田', 0, false],
      ['西庄永久基本农田', 1, false],
    ]);
    expect((await call('GET', '/api/imports/nosuch/features')).statusCode).toBe(404);

    const committed = await call('POST', `/api/imports/${preview.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ revision: 1, kind: 'import', fileName: 'upload.zip', added: 2, removed: before.length });
    const now = await features('farmland');
    expect(now.map((f) => f.properties!.name)).toEqual(['东庄永久基本农田', '西庄永久基本农田']);
    // Back through GDAL's own transform: each vertex where the source put it, to a millimetre in the zone.
    const [x, y] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-output_xy'], {
      input: `${(now[0].geometry as GeoJSON.MultiPolygon).coordinates[0][0][0].join(' ')}\n`,
      encoding: 'utf8',
    }).trim().split(/\s+/).map(Number);
    const [sx, sy] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-output_xy'], { input: '108.31 35.46\n', encoding: 'utf8' })
      .trim().split(/\s+/).map(Number);
    expect(Math.hypot(x - sx, y - sy)).toBeLessThan(0.001);

    const again = await call('POST', `/api/imports/${preview.id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('importCommitted');

    const revisions = (await call('GET', '/api/layers/farmland/revisions')).json().revisions;
    expect(revisions).toMatchObject([{ revision: 1, kind: 'import', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/), by: '系统管理员' }]);
    const restored = await call('POST', '/api/layers/farmland/revisions/1/restore');
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ revision: 2, kind: 'restore', restoredRevision: 1, added: before.length, removed: 2 });
    expect((await features('farmland')).map((f) => f.properties!.name).sort()).toEqual(before.map((f) => f.properties!.name).sort());
    const audit = await t.db.knex('audit_log').where({ entity: 'layer', entity_id: 'farmland' }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['import', 'restore']);
  });

  it('updates rights by licence number from a GeoPackage, keeping the rest', async () => {
    const rights = await features('mining_rights');
    const first = rights[0].properties!;
    const gpkg = gdalFile(
      'rights',
      [
        { type: 'Feature', properties: { 许可证号: first.licenceNo, 采矿权人: '新的矿业权人有限公司', 矿种: '煤', 有效期止: '2040.12.31' }, geometry: rights[0].geometry },
        {
          type: 'Feature',
          properties: {
            许可证号: 'C6210252026127130NEW01',
            矿山名称: '新立砖厂',
            采矿权人: '新立矿业有限公司',
            矿种: '砖瓦用粘土',
            miningMethod: 'openPit',
            scaleClass: 'small',
            生产能力: 6,
            有效期起: '2026/1/1',
            有效期止: '20301231',
          },
          geometry: square(108.40, 35.45),
        },
      ],
      ['-f', 'GPKG', '-nln', 'rights'],
      'gpkg',
    );
    const preview = (await upload({ layer: 'mining_rights', mode: 'upsert' }, asFormFiles(gpkg))).json();
    expect(preview).toMatchObject({ key: 'licenceNo', counts: { added: 1, changed: 1, removed: 0 }, problems: [], committable: true });
    expect((await call('POST', `/api/imports/${preview.id}/commit`)).statusCode).toBe(200);
    const now = await features('mining_rights');
    expect(now).toHaveLength(rights.length + 1);
    expect(now.find((f) => f.properties!.licenceNo === first.licenceNo)!.properties).toMatchObject({ holder: '新的矿业权人有限公司', validTo: '2040-12-31' });
    expect(now.find((f) => f.properties!.licenceNo === 'C6210252026127130NEW01')!.properties).toMatchObject({ mineral: 'brickClay' });
  });

  it('lists each feature’s problems in the preview — invalid, outside the county, a bad value, a repeated key — and commits none', async () => {
    const bowTie: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[108.31, 35.46], [108.32, 35.47], [108.32, 35.46], [108.31, 35.47], [108.31, 35.46]]] };
    const file = gdalFile(
      'bad-rights',
      [
        { type: 'Feature', properties: { 许可证号: 'X1', 矿种: '煤' }, geometry: bowTie },
        { type: 'Feature', properties: { 许可证号: 'X2', 矿种: '煤' }, geometry: square(100, 20) },
        { type: 'Feature', properties: { 许可证号: 'X3', 矿种: '金刚石' }, geometry: square(108.33, 35.45) },
        { type: 'Feature', properties: { 许可证号: 'X3', 矿种: '煤' }, geometry: square(108.34, 35.45) },
        { type: 'Feature', properties: { 许可证号: 'X5', 矿种: '煤', 有效期起: '2030-01-01', 有效期止: '2020-01-01' }, geometry: square(108.35, 35.45) },
      ],
      ['-f', 'GeoJSON'],
      'geojson',
    );
    const response = await upload({ layer: 'mining_rights', mode: 'upsert' }, asFormFiles(file));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview.committable).toBe(false);
    expect(preview.problems.map((p: { feature: number; reason: string }) => [p.feature, p.reason])).toEqual(
      expect.arrayContaining([[0, 'invalidGeometry'], [1, 'outsideCounty'], [2, 'notAValue'], [3, 'duplicateKey'], [0, 'missingField'], [4, 'endBeforeStart']]),
    );
    expect(preview.problems.find((p: { reason: string }) => p.reason === 'invalidGeometry').message).toMatch(/Self-intersection/);
    const before = await features('mining_rights');
    const refused = await call('POST', `/api/imports/${preview.id}/commit`);
    expect(refused.statusCode).toBe(400);
    expect(await features('mining_rights')).toHaveLength(before.length);
  });

  it('refuses what it cannot read without guessing, in the user’s language, writing nothing', async () => {
    const imports = await importCount();
    const xian = gdalFile('xian', [farmland('甲', square(108.31, 35.46))], ['-f', 'ESRI Shapefile', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:2383'], 'shp');
    const legacy = await upload({ layer: 'farmland' }, asFormFiles(xian));
    expect(legacy.statusCode).toBe(400);
    expect(legacy.json()).toMatchObject({ code: 'legacyDatum', message: expect.stringMatching(/西安/) });

    const parts = gdalFile('partial', [farmland('乙', square(108.31, 35.46))], ['-f', 'ESRI Shapefile'], 'shp');
    const noDbf = await upload({ layer: 'farmland' }, asFormFiles(parts.filter((f) => !f.endsWith('.dbf'))));
    expect(noDbf.json()).toMatchObject({ statusCode: 400, code: 'shapefileIncomplete', message: expect.stringMatching(/\.dbf/) });

    const escaping = await upload({ layer: 'farmland' }, escapingZip(parts));
    expect(escaping.json()).toMatchObject({ statusCode: 400, code: 'unsafeFileName' });

    const empty = gdalFile('empty', [], ['-f', 'GeoJSON'], 'geojson');
    expect((await upload({ layer: 'farmland' }, asFormFiles(empty))).json()).toMatchObject({ statusCode: 400, code: 'emptySource' });

    // Eastings without the zone prefix: nothing says which zone the drawing is in.
    const unprefixed = [[500_000, 3_900_000], [500_100, 3_900_000], [500_100, 3_900_100], [500_000, 3_900_000]];
    const dxf = gdalFile('survey', [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: unprefixed } }], ['-f', 'DXF'], 'dxf');
    const noCrs = await upload({ layer: 'farmland' }, asFormFiles(dxf), admin, 'en');
    expect(noCrs.json()).toMatchObject({ statusCode: 400, code: 'noSourceCrs', message: expect.stringMatching(/sourceCrs/) });

    expect((await upload({ layer: 'nosuch' }, asFormFiles(empty))).statusCode).toBe(404);
    expect((await upload({ layer: 'farmland', mode: 'merge' }, asFormFiles(empty))).json().code).toBe('invalidImportField');
    expect(await importCount()).toBe(imports);
  });

  it('reads a DXF from surveying software in the zone the officer names, its closed polylines as polygons', async () => {
    const [e, n] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-output_xy'], { input: '108.31 35.46\n', encoding: 'utf8' })
      .trim().split(/\s+/).map(Number);
    const ring = [[e, n], [e + 100, n], [e + 100, n + 100], [e, n + 100], [e, n]];
    const dxf = gdalFile('cass', [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } }], ['-f', 'DXF'], 'dxf');
    const response = await upload({ layer: 'farmland', sourceCrs: 'EPSG:4524', mapping: JSON.stringify({ Layer: 'name' }) }, asFormFiles(dxf));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'DXF', crs: 'EPSG:4524', featureCount: 1, problems: [], committable: true });
    expect(preview.sample[0].areaMu).toBeCloseTo(10_000 / (10_000 / 15), 1);
  });

  it('reads back its own XLSX and CSV exports (WKT in a Gauss–Krüger zone, Chinese headers and terms), also a CSV saved in GBK', async () => {
    const rights = await features('mining_rights');
    const exported = async (format: string) => {
      const response = await call('GET', `/api/layers/mining_rights/export?format=${format}&crs=EPSG:4524`);
      const file = path.join(dir, `export.${format}`);
      fs.writeFileSync(file, response.rawPayload);
      return file;
    };
    const gbkCsv = path.join(dir, 'export-gbk.csv');
    fs.writeFileSync(gbkCsv, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: fs.readFileSync(await exported('csv'), 'utf8').replace(/^\uFEFF/, '') }));
    let lastPreview = '';
    for (const [file, encoding] of [[await exported('xlsx'), 'UTF-8'], [await exported('csv'), 'UTF-8'], [gbkCsv, 'GBK']] as const) {
      const response = await upload({ layer: 'mining_rights', mode: 'upsert', sourceCrs: 'EPSG:4524' }, asFormFiles([file]));
      expect(response.statusCode, response.body).toBe(201);
      const preview = response.json();
      expect(preview, path.basename(file)).toMatchObject({
        crs: 'EPSG:4524',
        encoding,
        featureCount: rights.length,
        counts: { added: 0, changed: rights.length, removed: 0 },
        problems: [],
      });
      expect(preview.sample[0]).toMatchObject({ licenceNo: rights[0].properties!.licenceNo, holder: rights[0].properties!.holder, mineral: rights[0].properties!.mineral });
      lastPreview = preview.id;
    }
    // Written back, each boundary is where it was: the first vertex within a millimetre in the zone.
    expect((await call('POST', `/api/imports/${lastPreview}/commit`)).statusCode).toBe(200);
    const zoneOf = (g: GeoJSON.Geometry) => {
      const [lon, lat] = (g as GeoJSON.MultiPolygon).coordinates[0][0][0];
      return execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-output_xy'], { input: `${lon} ${lat}\n`, encoding: 'utf8' })
        .trim().split(/\s+/).map(Number);
    };
    const after = await features('mining_rights');
    for (const right of rights) {
      const [e0, n0] = zoneOf(right.geometry);
      const [e1, n1] = zoneOf(after.find((f) => f.properties!.licenceNo === right.properties!.licenceNo)!.geometry);
      expect(Math.hypot(e1 - e0, n1 - n0)).toBeLessThan(0.001);
    }
    const noCrs = await upload({ layer: 'mining_rights', mode: 'upsert' }, asFormFiles([gbkCsv]));
    expect(noCrs.json().code).toBe('noSourceCrs');
  });

  it('guesses the encoding of a shapefile without a .cpg and says so', async () => {
    const files = gdalFile('bare', [farmland('丙庄永久基本农田', square(108.31, 35.46))], ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936'], 'shp');
    const preview = (await upload({ layer: 'farmland' }, asFormFiles(files.filter((f) => !f.endsWith('.cpg'))))).json();
    expect(preview).toMatchObject({ encoding: 'GBK', encodingGuessed: true, wgs84AsCgcs2000: true });
    expect(preview.sample[0].name).toBe('丙庄永久基本农田');
  });

  it('lets only admins import', async () => {
    const user = { username: 'planner-import', displayName: '规划员', role: 'planner', password: 'a-long-password' };
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: user, headers: { cookie: admin } })).statusCode).toBe(201);
    const planner = await t.login(user.username, user.password);
    expect((await upload({ layer: 'farmland' }, [], planner)).statusCode).toBe(403);
    expect((await call('GET', '/api/layers/farmland/revisions', '')).statusCode).toBe(401);
  });
});
