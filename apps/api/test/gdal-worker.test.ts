import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashGdalWorker, ogr2ogr, ogrinfoJson } from '../src/plugins/app/transfer/gdal.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-gdal-worker-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `count` small squares as a GBK shapefile in a Gauss–Krüger zone, written by GDAL's ogr2ogr. */
function shapefile(name: string, count: number): string {
  const features = Array.from({ length: count }, (_, i) => {
    const lon = 108.3 + (i % 300) * 0.0007;
    const lat = 35.4 + Math.floor(i / 300) * 0.0007;
    const ring = [[lon, lat], [lon + 0.0005, lat], [lon + 0.0005, lat + 0.0005], [lon, lat + 0.0005], [lon, lat]];
    return { type: 'Feature', properties: { 名称: `图斑${i}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const source = path.join(dir, `${name}.src.geojson`);
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
  const out = path.join(dir, `${name}.shp`);
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4524', out, source]);
  return out;
}

const parts = (shp: string) => ['.shp', '.shx', '.dbf', '.prj', '.cpg'].map((ext) => shp.replace(/\.shp$/, ext));

describe('GDAL (gdal3.js) in a worker thread', () => {
  let large: string[];
  beforeAll(async () => {
    large = parts(shapefile('large', 30_000));
    // The first call loads GDAL: not what is measured here.
    await ogrinfoJson(large, ['-so'], ['ENCODING=GBK']);
  }, 120_000);

  it('leaves the event loop free while a long ogr2ogr runs', async () => {
    let last = performance.now();
    let longestGapMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 10);
    const start = performance.now();
    let output: { bytes: Uint8Array } | undefined;
    try {
      [output] = await ogr2ogr(large, ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '-lco', 'RFC7946=NO'], 'large-out', ['ENCODING=GBK']);
    } finally {
      clearInterval(timer);
    }
    // A loop blocked to the end never ran the timer again: the gap since its last tick counts too.
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    const tookMs = performance.now() - start;
    // Only meaningful if GDAL's own work is long enough to be felt.
    expect(tookMs).toBeGreaterThan(500);
    expect(longestGapMs).toBeLessThan(Math.min(250, tookMs / 2));
    expect(JSON.parse(Buffer.from(output!.bytes).toString('utf8')).features).toHaveLength(30_000);
  });

  it('returns every file ogr2ogr wrote, by name, with Chinese attributes intact', async () => {
    const small = parts(shapefile('small', 3));
    const outputs = await ogr2ogr(small, ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8'], 'small-out', ['ENCODING=GBK']);
    expect(outputs.map((o) => o.name).sort()).toEqual(['small-out.cpg', 'small-out.dbf', 'small-out.prj', 'small-out.shp', 'small-out.shx']);
    expect(Buffer.from(outputs.find((o) => o.name.endsWith('.dbf'))!.bytes).toString('utf8')).toContain('图斑2');
  });

  it('answers a file GDAL cannot open with its error, and keeps working', async () => {
    const bad = path.join(dir, 'bad.geojson');
    fs.writeFileSync(bad, '{"type": "FeatureCollection", "features": [');
    await expect(ogrinfoJson(bad)).rejects.toThrow(/GDAL/);
    expect(await ogrinfoJson(parts(path.join(dir, 'small.shp')), ['-so'])).toMatchObject({ layers: [{ featureCount: 3 }] });
  });

  it('turns a crash of GDAL into a named error for that call, and starts afresh for the next', async () => {
    await expect(crashGdalWorker()).rejects.toMatchObject({ statusCode: 422, code: 'gdalCrashed' });
    expect(await ogrinfoJson(parts(path.join(dir, 'small.shp')), ['-so'])).toMatchObject({ layers: [{ featureCount: 3 }] });
  }, 60_000);
});
