import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metresPerDegree } from '@mpm/geo';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { postImport } from './helpers/imports.ts';
import type { FormFile } from './helpers/photo-fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-import-sources-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `[lon, lat]` pairs through GDAL's own transform (easting first, GIS order) between two CRSs. */
const gdalTransform = (from: string, to: string, points: number[][]): number[][] =>
  execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], { input: points.map((p) => p.join(' ')).join('\n') + '\n', encoding: 'utf8' })
    .trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));

/** Corners of a square of `sideDeg` at `[lon, lat]` (its south-west corner), counter-clockwise, open. */
const corners = (lon: number, lat: number, sideDeg = 0.002) => [[lon, lat], [lon + sideDeg, lat], [lon + sideDeg, lat + sideDeg], [lon, lat + sideDeg]];

/** Metres between two lon/lat points (local scale: enough for a metre or a millimetre). */
function metresApart([lon1, lat1]: number[], [lon2, lat2]: number[]) {
  const scale = metresPerDegree(lat1);
  return Math.hypot((lon2 - lon1) * scale.x, (lat2 - lat1) * scale.y);
}

/** Millimetres between two lon/lat points measured in Gauss–Krüger zone 36 by GDAL. */
function gkApartM(a: number[], b: number[]) {
  const [p, q] = gdalTransform('EPSG:4490', 'EPSG:4524', [a, b]);
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
}

const fileOf = (file: string): FormFile => ({ field: 'file', name: path.basename(file), type: 'application/octet-stream', bytes: fs.readFileSync(file) });

/** The corners of two farmland squares in zone 36 (EPSG:4524: Y carries the prefix 36), as surveyors write them (X north). */
const squares = [corners(108.31, 35.46), corners(108.32, 35.47)];
const inZone = squares.map((ring) => gdalTransform('EPSG:4490', 'EPSG:4524', ring).map(([e, n]) => ({ x: n.toFixed(3), y: e.toFixed(3) })));

/** A point table as a bureau's spreadsheet holds it: 地块编号 only on a feature's first row (merged cells). */
function pointRows(swap = false, prefix = true) {
  const rows: (string | number)[][] = [];
  inZone.forEach((ring, f) =>
    ring.forEach(({ x, y }, i) => {
      const east = prefix ? Number(y) : Number(y) - 36_000_000;
      const [first, second] = swap ? [east, Number(x)] : [Number(x), east];
      rows.push([i === 0 ? `DK-${f + 1}` : '', `J${i + 1}`, first, second, i === 0 ? ['东庄永久基本农田', '西庄永久基本农田'][f] : '', i === 1 ? '永久基本农田' : '']);
    }),
  );
  return rows;
}
const HEADER = ['地块编号', '点号', 'X', 'Y', '名称', '耕地类型'];

describe.each(TEST_DATABASES)('import sources: point tables, corner lists, GCJ-02 and legacy datums on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const upload = (fields: Record<string, string>, files: FormFile | FormFile[], lang = 'zh-CN') => postImport(t.app, fields, files, admin, lang);
  const call = (method: 'GET' | 'POST', url: string) => t.app.inject({ method, url, headers: { cookie: admin } });
  const previewed = async (id: string) => (await call('GET', `/api/imports/${id}/features`)).json().features as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>[];
  const outer = (f: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>) =>
    f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.close());

  it('reads an XLSX of 点号, X, Y rows into polygons by 地块编号, in the zone its Y prefix names, each corner within a millimetre', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('界址点');
    sheet.addRows([HEADER, ...pointRows()]);
    const file = path.join(dir, 'points.xlsx');
    await workbook.xlsx.writeFile(file);
    const response = await upload({ layer: 'farmland' }, fileOf(file));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'XLSX', crs: 'EPSG:4524', featureCount: 2, notices: [], problems: [], committable: true });
    expect(preview.mapping).toMatchObject({ 名称: 'name', 耕地类型: 'farmlandClass' });
    expect(preview.sample.map((s: { name: string; farmlandClass: string }) => [s.name, s.farmlandClass])).toEqual([
      ['东庄永久基本农田', 'permanentBasic'],
      ['西庄永久基本农田', 'permanentBasic'],
    ]);
    const features = await previewed(preview.id);
    features.forEach((f, i) => squares[i].forEach((corner, j) => expect(gkApartM(outer(f)[j], corner)).toBeLessThan(0.001)));

    const committed = await call('POST', `/api/imports/${preview.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
  });

  it('reads a GBK CSV with X and Y swapped and no zone prefix in the zone named, and says the swap', async () => {
    const text = [HEADER, ...pointRows(true, false)].map((r) => r.join(',')).join('\r\n');
    const file = path.join(dir, 'swapped.csv');
    fs.writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));
    const noZone = await upload({ layer: 'farmland' }, fileOf(file), 'en');
    expect(noZone.json()).toMatchObject({ statusCode: 400, code: 'missingZonePrefix', message: expect.stringMatching(/line 2: .*sourceCrs/) });

    const response = await upload({ layer: 'farmland', sourceCrs: 'EPSG:4545' }, fileOf(file));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'CSV', crs: 'EPSG:4545', encoding: 'GBK', notices: ['xySwapped'], featureCount: 2, problems: [] });
    expect(preview.sample[0].name).toBe('东庄永久基本农田');
    const features = await previewed(preview.id);
    squares[1].forEach((corner, j) => expect(gkApartM(outer(features[1])[j], corner)).toBeLessThan(0.001));

    const wrongZone = await upload({ layer: 'farmland', sourceCrs: 'EPSG:4525' }, fileOf(path.join(dir, 'points.xlsx')));
    expect(wrongZone.json()).toMatchObject({ statusCode: 400, code: 'zoneMismatch' });
  });

  it('asks for the feature column when no usual name is there, and takes the one named', async () => {
    const text = [['宗地', '点号', 'X', 'Y'], ...pointRows().map((r) => [r[0], r[1], r[2], r[3]])].map((r) => r.join(',')).join('\n');
    const file = path.join(dir, 'parcels.csv');
    fs.writeFileSync(file, text);
    const unnamed = await upload({ layer: 'farmland' }, fileOf(file));
    expect(unnamed.json()).toMatchObject({ statusCode: 400, code: 'noFeatureColumn', message: expect.stringMatching(/featureColumn/) });
    expect((await upload({ layer: 'farmland', featureColumn: '宗号' }, fileOf(file))).json().code).toBe('unknownFeatureColumn');
    const named = await upload({ layer: 'farmland', featureColumn: '宗地' }, fileOf(file));
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json()).toMatchObject({ featureCount: 2, crs: 'EPSG:4524' });
  });

  it('reads a corner-point exchange file (GBK) each parcel a feature, with its header fields as attributes', async () => {
    const parcel = (n: number, name: string) => {
      const ring = [...inZone[n - 1], inZone[n - 1][0]];
      return [`${ring.length},1.2,${n},${name},面,,永久基本农田,,@`, ...ring.map(({ x, y }, i) => `J${(i % 4) + 1},1,${x},${y}`)];
    };
    const text = ['[属性描述]', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=36', '[地块坐标]', ...parcel(1, '东庄永久基本农田'), ...parcel(2, '西庄永久基本农田')].join('\r\n');
    const file = path.join(dir, 'exchange.txt');
    fs.writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));
    const mapping = JSON.stringify({ 地块名称: 'name', 地块用途: 'farmlandClass' });
    const response = await upload({ layer: 'farmland', mapping }, fileOf(file));
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: '勘测定界交换文件', encoding: 'GBK', crs: 'EPSG:4524', featureCount: 2, problems: [] });
    expect(preview.sample.map((s: { name: string }) => s.name)).toEqual(['东庄永久基本农田', '西庄永久基本农田']);
    const features = await previewed(preview.id);
    squares[0].forEach((corner, j) => expect(gkApartM(outer(features[0])[j], corner)).toBeLessThan(0.001));

    const broken = path.join(dir, 'broken.txt');
    fs.writeFileSync(broken, text.replace(inZone[0][2].x, '3X'));
    expect((await upload({ layer: 'farmland' }, fileOf(broken))).json()).toMatchObject({ statusCode: 400, code: 'notANumber', message: expect.stringMatching(/第 \d+ 行/) });
  });

  it('takes a KML in GCJ-02 (as 奥维 Ovital writes it) back to WGS84 within a metre when the officer says so, and says it', async () => {
    const gcj = squares.map((ring) => [...ring, ring[0]].map((p) => gcoord.transform(p as [number, number], gcoord.WGS84, gcoord.GCJ02)));
    const source = path.join(dir, 'ovital.geojson');
    fs.writeFileSync(source, JSON.stringify({
      type: 'FeatureCollection',
      features: gcj.map((ring, i) => ({ type: 'Feature', properties: { Name: `奥维地块${i + 1}`, 耕地类型: '可耕地' }, geometry: { type: 'Polygon', coordinates: [ring] } })),
    }));
    const kml = path.join(dir, 'ovital.kml');
    execFileSync('ogr2ogr', ['-f', 'KML', kml, source]);

    const asWgs84 = await upload({ layer: 'farmland' }, fileOf(kml));
    expect(asWgs84.json()).toMatchObject({ format: 'KML', wgs84AsCgcs2000: true, notices: [] });
    const offset = metresApart(outer((await previewed(asWgs84.json().id))[0])[0], squares[0][0]);
    expect(offset).toBeGreaterThan(100);

    const response = await upload({ layer: 'farmland', sourceDatum: 'gcj02', mapping: JSON.stringify({ Name: 'name' }) }, fileOf(kml));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ featureCount: 2, notices: ['gcj02ToWgs84'], wgs84AsCgcs2000: true });
    expect(response.json().sample.map((s: { name: string }) => s.name)).toEqual(['奥维地块1', '奥维地块2']);
    const features = await previewed(response.json().id);
    features.forEach((f, i) => squares[i].forEach((corner, j) => expect(metresApart(outer(f)[j], corner)).toBeLessThan(1)));

    // Ovital's own .ovkml name says GCJ-02 without being told.
    const ovkml = path.join(dir, '地块.ovkml');
    fs.copyFileSync(kml, ovkml);
    expect((await upload({ layer: 'farmland' }, fileOf(ovkml))).json()).toMatchObject({ notices: ['gcj02ToWgs84'] });
    const ovkmz = path.join(dir, '地块.ovkmz');
    execFileSync('python3', ['-c', 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z: z.write(sys.argv[2], "doc.ovkml")', ovkmz, ovkml]);
    const zipped = await upload({ layer: 'farmland' }, fileOf(ovkmz));
    expect(zipped.json()).toMatchObject({ featureCount: 2, notices: ['gcj02ToWgs84'] });
    expect(metresApart(outer((await previewed(zipped.json().id))[0])[0], squares[0][0])).toBeLessThan(1);
    expect((await upload({ layer: 'farmland', sourceDatum: 'bd09' }, fileOf(kml))).json().code).toBe('invalidImportField');
    expect((await upload({ layer: 'farmland', sourceDatum: 'gcj02' }, fileOf(path.join(dir, 'points.xlsx')))).json().code).toBe('gcj02NotGeographic');
  });

  describe('Xi’an 1980', () => {
    /** A made-up but plausible county conversion, Xi'an 1980 → CGCS2000 (position vector). */
    const PARAMETERS = '-12.352,118.614,52.473,0.412,-1.107,2.364,-3.82';
    let files: FormFile[];
    let sourceCorners: number[][];

    beforeAll(() => {
      const source = path.join(dir, 'xian.src.geojson');
      const ring = [...squares[0], squares[0][0]];
      fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '西安80地块', 耕地类型: '永久基本农田' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:2360', path.join(dir, 'xian.shp'), source]);
      files = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => fileOf(path.join(dir, `xian.${ext}`)));
      const written = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path.join(dir, 'xian.shp')], { encoding: 'utf8' }));
      sourceCorners = written.features[0].geometry.coordinates[0];
    });

    it('is refused without the seven parameters, saying what to give, in both languages', async () => {
      const zh = await upload({ layer: 'farmland' }, files);
      expect(zh.json()).toMatchObject({ statusCode: 400, code: 'legacyDatum', message: expect.stringMatching(/1980西安.*datumParameters.*七参数/) });
      const en = await upload({ layer: 'farmland' }, files, 'en');
      expect(en.json().message).toMatch(/Xi’an 1980.*seven parameters.*datumParameters/);
      expect((await upload({ layer: 'farmland', datumParameters: '1,2,3' }, files)).json().code).toBe('invalidBursaWolf');
    });

    it('is converted with them as PROJ’s cs2cs converts it, to a millimetre, and says so', async () => {
      const response = await upload({ layer: 'farmland', datumParameters: PARAMETERS }, files);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ crs: 'EPSG:2360', notices: ['datumShifted'], problems: [], featureCount: 1 });
      const got = outer((await previewed(response.json().id))[0]);
      const projDefinition = execFileSync('projinfo', ['-o', 'PROJ', '-q', 'EPSG:2360'], { encoding: 'utf8' }).trim();
      // CGCS2000 as PROJ's WGS84 hub with no shift: to plain EPSG:4490, PROJ finds no way through
      // the hub and quietly drops the +towgs84 (a "ballpark" conversion, the ellipsoid alone).
      const cs2cs = (source: string) =>
        execFileSync('cs2cs', ['-f', '%.10f', source, '+to', '+proj=longlat', '+ellps=GRS80', '+towgs84=0,0,0'], { input: sourceCorners.map((p) => p.join(' ')).join('\n') + '\n', encoding: 'utf8' })
          .trim().split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number));
      const reference = cs2cs(`${projDefinition} +towgs84=${PARAMETERS}`);
      reference.slice(0, 4).forEach((corner, j) => expect(gkApartM(got[j], corner)).toBeLessThan(0.001));
      // Without the shift (what GDAL alone would do) the corners land tens of metres away.
      expect(gkApartM(got[0], cs2cs(projDefinition)[0])).toBeGreaterThan(10);

      const frame = await upload({ layer: 'farmland', datumParameters: PARAMETERS, datumRotation: 'coordinateFrame' }, files);
      expect(gkApartM(outer((await previewed(frame.json().id))[0])[0], got[0])).toBeGreaterThan(1);
    });

    it('is read from a corner-point exchange file whose header names it, with the parameters', async () => {
      const ring = [...sourceCorners.slice(0, 4), sourceCorners[0]];
      const rows = ring.map(([e, n], i) => `J${(i % 4) + 1},1,${n.toFixed(3)},${e.toFixed(3)}`);
      const text = ['[属性描述]', '坐标系=1980西安坐标系', '几度分带=3', '带号=36', '[地块坐标]', '5,1.2,1,西安80地块,面,,永久基本农田,,@', ...rows].join('\r\n');
      const file = path.join(dir, 'xian-exchange.txt');
      fs.writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));
      const asked = await upload({ layer: 'farmland' }, fileOf(file));
      expect(asked.json()).toMatchObject({ statusCode: 400, code: 'legacyDatum', message: expect.stringMatching(/1980西安.*datumParameters/) });
      const response = await upload({ layer: 'farmland', datumParameters: PARAMETERS, mapping: JSON.stringify({ 地块名称: 'name', 地块用途: 'farmlandClass' }) }, fileOf(file));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ crs: 'EPSG:2360', notices: ['datumShifted'], problems: [], featureCount: 1 });
      const fromShapefile = await upload({ layer: 'farmland', datumParameters: PARAMETERS }, files);
      const [a, b] = [outer((await previewed(response.json().id))[0]), outer((await previewed(fromShapefile.json().id))[0])];
      a.slice(0, 4).forEach((corner, j) => expect(gkApartM(corner, b[j])).toBeLessThan(0.001));
    });

    it('is read from a point table in the Xi’an zone the officer names, with the parameters', async () => {
      const rows = sourceCorners.slice(0, 4).map(([e, n], i) => [i === 0 ? 'XA-1' : '', `J${i + 1}`, n.toFixed(3), e.toFixed(3), '西安80地块', '永久基本农田']);
      const file = path.join(dir, 'xian-points.csv');
      fs.writeFileSync(file, [HEADER, ...rows].map((r) => r.join(',')).join('\n'));
      expect((await upload({ layer: 'farmland', sourceCrs: 'EPSG:2360' }, fileOf(file))).json().code).toBe('legacyDatum');
      const response = await upload({ layer: 'farmland', sourceCrs: 'EPSG:2360', datumParameters: PARAMETERS }, fileOf(file));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ crs: 'EPSG:2360', notices: ['datumShifted'], problems: [] });
      const fromShapefile = await upload({ layer: 'farmland', datumParameters: PARAMETERS }, files);
      const [a, b] = [outer((await previewed(response.json().id))[0]), outer((await previewed(fromShapefile.json().id))[0])];
      a.slice(0, 4).forEach((corner, j) => expect(gkApartM(corner, b[j])).toBeLessThan(0.001));
    });
  });
});
