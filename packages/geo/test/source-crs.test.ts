import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceCrs } from '../src/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-crs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The `.prj` GDAL writes for a shapefile in `srs` (ESRI WKT1, as ArcGIS and QGIS write it too). */
function prj(srs: string): string {
  const source = path.join(dir, 'point.geojson');
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.3, 35.4] } }] }));
  const name = srs.replace(/\W/g, '_');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-a_srs', srs, path.join(dir, `${name}.shp`), source]);
  return fs.readFileSync(path.join(dir, `${name}.prj`), 'utf8');
}

/** The WKT2 GDAL reports for `srs` (what a GeoPackage or `ogrinfo` gives). */
const wkt2 = (srs: string) => execFileSync('gdalsrsinfo', ['-o', 'wkt2', srs], { encoding: 'utf8' });

describe('reading a source file’s coordinate system', () => {
  it.each([
    ['EPSG:4490', { kind: 'geographic', epsg: 4490 }],
    ['EPSG:4524', { kind: 'gaussKruger', epsg: 4524, zone: { widthDeg: 3, zone: 36, prefixed: true } }],
    ['EPSG:4545', { kind: 'gaussKruger', epsg: 4545, zone: { widthDeg: 3, zone: 36, prefixed: false } }],
    ['EPSG:4496', { kind: 'gaussKruger', epsg: 4496, zone: { widthDeg: 6, zone: 18, prefixed: true } }],
  ])('recognises %s from the .prj GDAL writes and from its WKT2', (srs, crs) => {
    expect(sourceCrs(prj(srs))).toEqual({ ok: true, value: { crs, wgs84AsCgcs2000: false } });
    expect(sourceCrs(wkt2(srs))).toEqual({ ok: true, value: { crs, wgs84AsCgcs2000: false } });
  });

  it('takes WGS84 as CGCS2000, and says so', () => {
    for (const text of [prj('EPSG:4326'), wkt2('EPSG:4326')]) {
      expect(sourceCrs(text)).toEqual({ ok: true, value: { crs: { kind: 'geographic', epsg: 4490 }, wgs84AsCgcs2000: true } });
    }
  });

  it.each(['EPSG:2383', 'EPSG:4610', 'EPSG:2435', 'EPSG:4214'])('refuses the legacy datum of %s, never converting it silently', (srs) => {
    for (const text of [prj(srs), wkt2(srs)]) {
      const result = sourceCrs(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors[0].reason).toBe('legacyDatum');
    }
  });

  it('refuses a coordinate system it does not know, naming it', () => {
    const result = sourceCrs(prj('EPSG:3857'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({ reason: 'unsupportedCrs', message: { en: expect.stringMatching(/Mercator/) } });
  });
});
