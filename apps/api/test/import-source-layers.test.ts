import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-layers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const square = (lon: number, lat: number, sideDeg = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + sideDeg, lat], [lon + sideDeg, lat + sideDeg], [lon, lat + sideDeg], [lon, lat]]],
});

/** Adds a layer to `out` with GDAL's ogr2ogr (the first call creates the file). */
function addLayer(out: string, format: string, layer: string, features: GeoJSON.Feature[]) {
  const source = path.join(dir, `${path.basename(out)}-${layer}.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  execFileSync('ogr2ogr', [...(fs.existsSync(out) ? ['-update'] : []), '-f', format, '-nln', layer, out, source]);
}

const farmland = (name: string, lon: number): GeoJSON.Feature => ({
  type: 'Feature',
  properties: { 名称: name, 耕地类型: '永久基本农田' },
  geometry: square(lon, 35.46),
});
const well: GeoJSON.Feature = { type: 'Feature', properties: { 名称: '水井' }, geometry: { type: 'Point', coordinates: [108.33, 35.47] } };

const asFile = (file: string): FormFile => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) });

describe.each(TEST_DATABASES)('choosing the layer of a source of several (GeoPackage, KML folders) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const upload = (fields: Record<string, string>, file: FormFile) => postImport(t.app, fields, file, admin);

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('previews the first layer of a two-layer GeoPackage, lists both, and writes only once one is chosen', async () => {
    const gpkg = path.join(dir, `two-${kind}.gpkg`);
    addLayer(gpkg, 'GPKG', '东区基本农田', [farmland('东一', 108.31), farmland('东二', 108.32)]);
    addLayer(gpkg, 'GPKG', '西区基本农田', [farmland('西一', 108.35), farmland('西二', 108.36), farmland('西三', 108.37)]);
    addLayer(gpkg, 'GPKG', '水井', [well]);

    const unchosen = await upload({ layer: 'farmland' }, asFile(gpkg));
    expect(unchosen.statusCode, unchosen.body).toBe(201);
    const preview = unchosen.json();
    expect(preview.sourceLayers).toEqual([
      { name: '东区基本农田', featureCount: 2, geometryType: 'Polygon' },
      { name: '西区基本农田', featureCount: 3, geometryType: 'Polygon' },
      { name: '水井', featureCount: 1, geometryType: 'Point' },
    ]);
    expect(preview).toMatchObject({ sourceLayer: '东区基本农田', featureCount: 2, committable: false });
    expect(preview.problems).toEqual([expect.objectContaining({ feature: null, reason: 'chooseSourceLayer' })]);
    expect(preview.problems[0].message).toContain('西区基本农田');
    const refused = await t.app.inject({ method: 'POST', url: `/api/imports/${preview.id}/commit`, headers: { cookie: admin } });
    expect(refused.statusCode).toBe(400);

    const chosen = (await upload({ layer: 'farmland', sourceLayer: '西区基本农田' }, asFile(gpkg))).json();
    expect(chosen).toMatchObject({ sourceLayer: '西区基本农田', featureCount: 3, problems: [], committable: true });
    expect(chosen.sourceLayers).toHaveLength(3);
    expect(chosen.sample.map((s: { name: string }) => s.name)).toEqual(['西一', '西二', '西三']);
    const committed = await t.app.inject({ method: 'POST', url: `/api/imports/${chosen.id}/commit`, headers: { cookie: admin } });
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ added: 3 });

    const unknown = await upload({ layer: 'farmland', sourceLayer: '北区' }, asFile(gpkg));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('chooseSourceLayer');
  });

  it('lists a KML’s folders as its layers, and a one-layer GeoPackage without asking', async () => {
    const kml = path.join(dir, `folders-${kind}.kml`);
    const both = path.join(dir, `for-kml-${kind}.gpkg`);
    addLayer(both, 'GPKG', '甲片区', [farmland('甲一', 108.31)]);
    addLayer(both, 'GPKG', '乙片区', [farmland('乙一', 108.33), farmland('乙二', 108.34)]);
    execFileSync('ogr2ogr', ['-f', 'KML', kml, both]);
    const folders = (await upload({ layer: 'farmland' }, asFile(kml))).json();
    expect(folders.sourceLayers.map((l: { name: string; featureCount: number }) => [l.name, l.featureCount])).toEqual([
      ['甲片区', 1],
      ['乙片区', 2],
    ]);
    expect(folders.problems.map((p: { reason: string }) => p.reason)).toContain('chooseSourceLayer');
    const second = (await upload({ layer: 'farmland', sourceLayer: '乙片区' }, asFile(kml))).json();
    expect(second).toMatchObject({ sourceLayer: '乙片区', featureCount: 2 });
    expect(second.problems.map((p: { reason: string }) => p.reason)).not.toContain('chooseSourceLayer');

    const one = path.join(dir, `one-${kind}.gpkg`);
    addLayer(one, 'GPKG', '唯一图层', [farmland('独一', 108.31)]);
    const single = (await upload({ layer: 'farmland' }, asFile(one))).json();
    expect(single).toMatchObject({ sourceLayer: '唯一图层', sourceLayers: [{ name: '唯一图层', featureCount: 1 }], problems: [], committable: true });
  });
});
