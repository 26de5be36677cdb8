import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodingFromCpg, shapefileEncoding } from '../src/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-encoding-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A one-feature shapefile written by GDAL's ogr2ogr in `encoding`; returns its DBF bytes and .cpg text. */
function shapefile(name: string, encoding: string) {
  const source = path.join(dir, `${name}.geojson`);
  const feature = { type: 'Feature', properties: { 名称: '正宁县示范砖厂' }, geometry: { type: 'Point', coordinates: [108.3, 35.4] } };
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', `ENCODING=${encoding}`, path.join(dir, `${name}.shp`), source]);
  const cpgPath = path.join(dir, `${name}.cpg`);
  return { dbf: new Uint8Array(fs.readFileSync(path.join(dir, `${name}.dbf`))), cpg: fs.existsSync(cpgPath) ? fs.readFileSync(cpgPath, 'utf8') : undefined };
}

describe('a shapefile’s text encoding', () => {
  it.each([
    ['936', 'GBK'],
    ['CP936', 'GBK'],
    ['ANSI 936', 'GBK'],
    ['gbk', 'GBK'],
    ['GB18030', 'GBK'],
    ['UTF-8', 'UTF-8'],
    ['utf8\r\n', 'UTF-8'],
    ['ISO-8859-1', undefined],
  ])('reads the .cpg value %j as %s', (cpg, expected) => {
    expect(encodingFromCpg(cpg)).toBe(expected);
  });

  it('takes the .cpg GDAL writes for GBK (CP936) and for UTF-8', () => {
    const gbk = shapefile('gbk', 'CP936');
    expect(gbk.cpg).toBe('CP936');
    expect(shapefileEncoding(gbk.dbf, gbk.cpg)).toEqual({ encoding: 'GBK', from: 'cpg', needsConfirmation: false });
    const utf8 = shapefile('utf8', 'UTF-8');
    expect(shapefileEncoding(utf8.dbf, utf8.cpg)).toEqual({ encoding: 'UTF-8', from: 'cpg', needsConfirmation: false });
  });

  it('without a .cpg, guesses from the records and asks the officer to confirm', () => {
    const gbk = shapefile('gbk-bare', 'CP936');
    expect(shapefileEncoding(gbk.dbf)).toEqual({ encoding: 'GBK', from: 'guess', needsConfirmation: true });
    const utf8 = shapefile('utf8-bare', 'UTF-8');
    expect(shapefileEncoding(utf8.dbf)).toEqual({ encoding: 'UTF-8', from: 'guess', needsConfirmation: true });
  });

  it('takes code page 936 from the DBF’s language byte', () => {
    const { dbf } = shapefile('ldid', 'CP936');
    const marked = dbf.slice();
    marked[29] = 0x4d;
    expect(shapefileEncoding(marked)).toEqual({ encoding: 'GBK', from: 'ldid', needsConfirmation: false });
  });
});
