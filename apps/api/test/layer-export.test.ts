import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lonLatToGk, gkZoneFromEpsg } from '@mpm/geo';
import { term } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/** GDAL's own reading of a file: `ogrinfo -al` (attributes and geometries as WKT). */
const ogrinfo = (file: string, ...args: string[]) => execFileSync('ogrinfo', ['-ro', '-al', ...args, file], { encoding: 'utf8' });
const featureCount = (info: string) => Number(/Feature Count: (\d+)/.exec(info)?.[1]);

describe.each(TEST_DATABASES)('layer export (数据导出) on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let dir: string;
  let rights: GeoJSON.Feature[];
  const get = (url: string, cookie?: string, lang = 'zh-CN') =>
    t.app.inject({ url, headers: { ...(cookie && { cookie }), 'accept-language': lang } });
  /** Downloads an export and saves it under `name`; returns its path. */
  const download = async (query: string, name: string, cookie = admin) => {
    const response = await get(`/api/layers/mining_rights/export?${query}`, cookie);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const file = path.join(dir, name);
    fs.writeFileSync(file, response.rawPayload);
    return { file, response };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-export-test-'));
    rights = (await get('/ogc/collections/mining_rights/items?limit=1000', admin)).json().features;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a GBK shapefile zip that GDAL reads with its CRS, every feature and the Chinese text byte for byte', async () => {
    const { file, response } = await download('format=shp', 'rights.zip');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('采矿权.zip')}`);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    expect(Object.keys(zip.files).sort()).toEqual(['mining_rights.cpg', 'mining_rights.dbf', 'mining_rights.prj', 'mining_rights.shp', 'mining_rights.shx']);
    expect(await zip.file('mining_rights.cpg')!.async('string')).toBe('GBK');
    const dbf = Buffer.from(await zip.file('mining_rights.dbf')!.async('uint8array'));
    const holder = String(rights[0].properties!.holder);
    // The holder's name as GBK bytes (made by iconv, not by the code under test), never as UTF-8.
    expect(dbf.includes(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: holder }))).toBe(true);
    expect(dbf.includes(Buffer.from(holder, 'utf8'))).toBe(false);

    const info = ogrinfo(`/vsizip/${file}/mining_rights.shp`);
    expect(featureCount(ogrinfo(`/vsizip/${file}/mining_rights.shp`, '-so'))).toBe(rights.length);
    expect(info).toContain('China Geodetic Coordinate System 2000');
    expect(info).toContain(holder);
    // Field names are the Chinese labels, cut to the DBF's 10 bytes (5 characters in GBK).
    expect(info).toContain(`${[...term('holder', 'zh')].slice(0, 5).join('')} (String) = ${holder}`);
    expect(info).toContain(`${term('mineral', 'zh')} (String) = ${term('coal', 'zh')}`);
  });

  it('writes UTF-8 on request', async () => {
    const { file } = await download('format=shp&encoding=UTF-8', 'rights-utf8.zip');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    expect(await zip.file('mining_rights.cpg')!.async('string')).toBe('UTF-8');
    expect(ogrinfo(`/vsizip/${file}/mining_rights.shp`)).toContain(String(rights[0].properties!.holder));
  });

  it.each([
    ['geojson', 'rights.geojson'],
    ['gpkg', 'rights.gpkg'],
    ['kml', 'rights.kml'],
    ['csv', 'rights.csv'],
  ])('writes %s that GDAL opens with every feature and the Chinese text', async (format, name) => {
    const { file } = await download(`format=${format}`, name);
    const info = ogrinfo(file);
    expect(featureCount(ogrinfo(file, '-so'))).toBe(rights.length);
    expect(info).toContain(String(rights[0].properties!.mineName));
  });

  it('writes an XLSX with a header row, the geometry as WKT and one row per feature', async () => {
    const { file } = await download('format=xlsx', 'rights.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(rights.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['WKT', term('holder', 'zh'), term('licenceNo', 'zh')]));
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^(MULTI)?POLYGON \(\(/);
    // A layer whose name Excel would refuse as a sheet name (永久基本农田/可耕地).
    const farmland = await get('/api/layers/farmland/export?format=xlsx', admin);
    expect(farmland.statusCode, farmland.body.slice(0, 200)).toBe(200);
  });

  it('projects to a Gauss–Krüger zone, each vertex within a millimetre of @mpm/geo, with the zone in the .prj', async () => {
    const epsg = 4524; // CGCS2000 3° zone 36 with its prefix, the demo county's zone.
    const { file } = await download(`format=geojson&crs=EPSG:${epsg}`, 'rights-gk.geojson');
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon> & { crs: unknown };
    expect(JSON.stringify(exported.crs)).toContain(String(epsg));
    const zone = gkZoneFromEpsg(epsg)!;
    const firstVertex = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon) =>
      (g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0]) as [number, number];
    for (const [i, feature] of exported.features.entries()) {
      const [lon, lat] = firstVertex(rights[i].geometry as GeoJSON.Polygon);
      const expected = lonLatToGk([lon, lat], zone);
      const [x, y] = firstVertex(feature.geometry);
      expect(Math.abs(x - expected.eastingM)).toBeLessThan(0.001);
      expect(Math.abs(y - expected.northingM)).toBeLessThan(0.001);
    }
    const shp = await download(`format=shp&crs=EPSG:${epsg}`, 'rights-gk.zip');
    expect(ogrinfo(`/vsizip/${shp.file}/mining_rights.shp`, '-so')).toContain('Gauss-Kruger zone 36');
  });

  it('keeps the features in bbox whose fields equal the filters, a value named by its key or its term', async () => {
    const coal = rights.filter((f) => f.properties!.mineral === 'coal');
    for (const value of ['coal', encodeURIComponent(term('coal', 'zh'))]) {
      const { file } = await download(`format=geojson&mineral=${value}`, `coal-${value.length}.geojson`);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).features).toHaveLength(coal.length);
    }
    const { file } = await download('format=geojson&bbox=0,0,1,1', 'empty.geojson');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).features).toHaveLength(0);
  });

  it('shows anonymous callers what the OGC API shows them: public layers, without staff-only fields', async () => {
    const { file } = await download('format=csv', 'public.csv', '');
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain(String(rights[0].properties!.holder));
    expect(csv).not.toContain(String(rights[0].properties!.holderContact));
    expect(csv.split('\n')[0]).not.toContain(term('holderContact', 'zh'));
    const hidden = await get('/api/layers/farmland/export?format=geojson');
    expect(hidden.statusCode).toBe(404);
  });

  it('refuses what it cannot write with a 400 naming the problem, in the user’s language', async () => {
    const cases: [string, number, string | RegExp][] = [
      ['format=dwg', 400, /format/],
      ['format=geojson&crs=EPSG:2383', 400, /西安/],
      ['format=geojson&crs=EPSG:3857', 400, /3857/],
      ['format=kml&crs=EPSG:4524', 400, /KML/],
      ['format=geojson&nosuchfield=1', 400, /nosuchfield/],
      ['format=geojson&mineral=unobtainium', 400, /unobtainium/],
      ['format=geojson&bbox=1,2,3', 400, /bbox/],
    ];
    for (const [query, status, message] of cases) {
      const response = await get(`/api/layers/mining_rights/export?${query}`, admin);
      expect(response.statusCode, query).toBe(status);
      expect(response.json().message, query).toMatch(message);
    }
    expect((await get('/api/layers/nosuchlayer/export?format=geojson', admin)).statusCode).toBe(404);
    const english = await get('/api/layers/mining_rights/export?format=kml&crs=EPSG:4524', admin, 'en');
    expect(english.json().message).toMatch(/KML holds longitude\/latitude only/);
  });
});
