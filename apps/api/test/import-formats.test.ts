import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { countImports, postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-formats-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A square of `sideDeg` degrees with its south-west corner at `[lon, lat]`. */
const square = (lon: number, lat: number, sideDeg = 0.002): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + sideDeg, lat], [lon + sideDeg, lat + sideDeg], [lon, lat + sideDeg], [lon, lat]]],
});

const farmland = (name: string, geometry: GeoJSON.Geometry): GeoJSON.Feature => ({
  type: 'Feature',
  properties: { 名称: name, 耕地类型: '永久基本农田' },
  geometry,
});

/** A GeoJSON source written and converted by GDAL's ogr2ogr into `out` (a file or a folder). */
function ogr2ogr(out: string, features: GeoJSON.Feature[], args: string[]): string {
  const source = path.join(dir, `${path.basename(out)}.src.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  execFileSync('ogr2ogr', [...args, out, source]);
  return out;
}

/** A folder zipped by Python's zipfile, its entries under the folder's own name (as Windows' "send to zip" does). */
function zipFolder(folder: string): FormFile {
  const zip = `${folder}.zip`;
  const script =
    'import sys, zipfile, os\nroot = sys.argv[2]\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n' +
    '  for f in os.listdir(root): z.write(os.path.join(root, f), os.path.join(os.path.basename(root), f))';
  execFileSync('python3', ['-c', script, zip, folder]);
  return { field: 'file', name: path.basename(zip), type: 'application/zip', bytes: fs.readFileSync(zip) };
}

const asFormFile = (file: string): FormFile => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) });

describe.each(TEST_DATABASES)('more of the formats a bureau receives, on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const upload = (fields: Record<string, string>, files: FormFile | FormFile[]) => postImport(t.app, fields, files, admin);
  const importCount = () => countImports(t.db.knex);

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('reads a zipped File Geodatabase with its Chinese text and its Gauss–Krüger zone', async () => {
    const names = ['东沟永久基本农田', '西沟永久基本农田'];
    const gdb = ogr2ogr(
      path.join(dir, `${kind}-耕地.gdb`),
      names.map((name, i) => farmland(name, square(108.31 + i * 0.01, 35.46))),
      ['-f', 'OpenFileGDB', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-nln', 'farmland'],
    );
    const response = await upload({ layer: 'farmland' }, zipFolder(gdb));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'OpenFileGDB', crs: 'EPSG:4524', featureCount: 2, problems: [], committable: true });
    expect(preview.sample.map((s: { name: string }) => s.name)).toEqual(names);
  });

  it('gives each feature its area on the ellipsoid, as PostGIS geography measures it, to 0.01 %', async () => {
    // A county-sized parcel and a small one, far from the central meridian of their zone.
    const features = [farmland('大', square(108.3, 35.4, 0.05)), farmland('小', square(108.45, 35.5, 0.0007))];
    const file = ogr2ogr(path.join(dir, 'areas.geojson'), features, ['-f', 'GeoJSON']);
    const response = await upload({ layer: 'farmland' }, asFormFile(file));
    expect(response.statusCode, response.body).toBe(201);
    for (const [i, feature] of features.entries()) {
      const { rows } = await t.db.knex.raw('SELECT ST_Area(ST_GeomFromGeoJSON(?)::geography) AS m2', [JSON.stringify(feature.geometry)]);
      const expectedMu = Number(rows[0].m2) / (10_000 / 15);
      const mu = response.json().sample[i].areaMu as number;
      // The preview rounds to 0.01 mu; beyond that, within 0.01 %.
      expect(Math.abs(mu - expectedMu)).toBeLessThanOrEqual(Math.max(expectedMu * 1e-4, 0.005));
    }
  });

  it('refuses a KML whose entities expand a billion times, quickly and writing nothing', async () => {
    const laughs = ['<!ENTITY l0 "哈哈">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)];
    const kml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE kml [\n${laughs.join('\n')}\n]>\n` +
      '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&l9;</name>' +
      '<Polygon><outerBoundaryIs><LinearRing><coordinates>108.31,35.46 108.312,35.46 108.312,35.462 108.31,35.462 108.31,35.46</coordinates></LinearRing></outerBoundaryIs></Polygon>' +
      '</Placemark></Document></kml>';
    const imports = await importCount();
    const started = Date.now();
    const response = await upload({ layer: 'farmland' }, { field: 'file', name: 'bomb.kml', type: 'application/vnd.google-earth.kml+xml', bytes: Buffer.from(kml) });
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().message).toMatch(/实体|DTD|XML/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await importCount()).toBe(imports);
  });

  it('answers a file GDAL cannot read with a 422 that names it and quotes GDAL, writing nothing', async () => {
    const imports = await importCount();
    const shp = ogr2ogr(path.join(dir, `${kind}-broken.shp`), [farmland('甲', square(108.31, 35.46))], ['-f', 'ESRI Shapefile']);
    // The .shp cut short, as a copy interrupted halfway leaves it; the .shx and .dbf intact.
    const cut = fs.readFileSync(shp).subarray(0, 60);
    const parts: FormFile[] = ['.shx', '.dbf', '.prj'].map((ext) => asFormFile(shp.replace(/\.shp$/, ext)));
    const broken = await upload({ layer: 'farmland' }, [{ field: 'file', name: path.basename(shp), type: 'application/octet-stream', bytes: cut }, ...parts]);
    expect(broken.statusCode, broken.body).toBe(422);
    expect(broken.json()).toMatchObject({ code: 'sourceUnreadable', message: expect.stringContaining(path.basename(shp)) });

    const garbage = await upload({ layer: 'farmland' }, { field: 'file', name: '农田.gpkg', type: 'application/octet-stream', bytes: Buffer.from('SQLite format 3\0'.padEnd(4096, 'x')) });
    expect(garbage.statusCode, garbage.body).toBe(422);
    expect(garbage.json().message).toContain('农田.gpkg');
    expect(await importCount()).toBe(imports);
  });
  describe('a DXF from surveying software', () => {
    /** A square of `sideM` metres at the plane point `[e, n]` of zone 36 (prefixed), as a ring of [x, y]. */
    const ring = ([e, n]: number[], sideM: number, swap = false) =>
      [[e, n], [e + sideM, n], [e + sideM, n + sideM], [e, n + sideM], [e, n]].map(([x, y]) => (swap ? [y, x] : [x, y]));
    const [e, n] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', '-output_xy'], { input: '108.31 35.46\n', encoding: 'utf8' })
      .trim().split(/\s+/).map(Number);
    /** The CAD layer's name as each parcel's name: the drawing has no other attribute. */
    const NAME_FROM_CAD_LAYER = JSON.stringify({ Layer: 'name' });
    const entity = (geometry: GeoJSON.Geometry): GeoJSON.Feature => ({ type: 'Feature', properties: {}, geometry });
    const dxf = (name: string, features: GeoJSON.Feature[]) => asFormFile(ogr2ogr(path.join(dir, `${kind}-${name}.dxf`), features, ['-f', 'DXF']));

    it('reads closed polylines and hatches as polygons, names the open polyline, leaves points and texts out, and finds the zone from the prefix', async () => {
      const file = dxf('parcels', [
        entity({ type: 'LineString', coordinates: ring([e, n], 100) }),
        entity({ type: 'Polygon', coordinates: [ring([e + 300, n], 50)] }),
        entity({ type: 'LineString', coordinates: ring([e + 600, n], 80).slice(0, 4) }),
        entity({ type: 'Point', coordinates: [e + 10, n + 10] }),
      ]);
      const response = await upload({ layer: 'farmland', mapping: NAME_FROM_CAD_LAYER }, file);
      expect(response.statusCode, response.body).toBe(201);
      const preview = response.json();
      expect(preview).toMatchObject({ format: 'DXF', crs: 'EPSG:4524', featureCount: 3, notices: ['dxfPointsSkipped'], committable: false });
      expect(preview.problems.map((p: { feature: number; reason: string }) => [p.feature, p.reason])).toEqual([[2, 'wrongGeometryType']]);
      expect(preview.sample[0].areaMu).toBeCloseTo(10_000 / (10_000 / 15), 1);
      expect(preview.sample[1].areaMu).toBeCloseTo(2_500 / (10_000 / 15), 1);
    });

    it('reads X and Y the right way round when the drawing has them swapped, and says so', async () => {
      const file = dxf('swapped', [entity({ type: 'LineString', coordinates: ring([e, n], 100, true) })]);
      const response = await upload({ layer: 'farmland', sourceCrs: 'EPSG:4524', mapping: NAME_FROM_CAD_LAYER }, file);
      expect(response.statusCode, response.body).toBe(201);
      const preview = response.json();
      expect(preview.notices).toEqual(['xySwapped']);
      expect(preview.problems).toEqual([]);
      // The square's south-west corner is 108.31° E, 35.46° N; its other corners lie within 100 m
      // (the grid's convergence turns the square a little against the meridians).
      const [west, south] = preview.bbox;
      expect(Math.abs(west - 108.31)).toBeLessThan(1e-5);
      expect(Math.abs(south - 35.46)).toBeLessThan(1e-5);
    });

    it('refuses a drawing of open polylines only for a layer of polygons, saying why', async () => {
      const imports = await importCount();
      const file = dxf('open', [entity({ type: 'LineString', coordinates: ring([e, n], 100).slice(0, 3) })]);
      const response = await upload({ layer: 'farmland', sourceCrs: 'EPSG:4524' }, file);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'dxfNoClosedShapes', message: expect.stringContaining('未闭合') });
      expect(await importCount()).toBe(imports);
    });
  });
});
