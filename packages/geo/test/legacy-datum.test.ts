import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { CGCS2000_TOWGS84_PROJ4, legacyCrsFromEpsg, legacyCrsFromWkt, legacyEpsg, legacyProj4, parseBursaWolf } from '../src/index.ts';
import { canRun } from './helpers/external-tools.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-legacy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** PROJ's own definition of an EPSG code, from proj.db. */
const projDefinition = (epsg: number) => execFileSync('projinfo', ['-o', 'PROJ', '-q', `EPSG:${epsg}`], { encoding: 'utf8' }).trim().replace(' +type=crs', '');

/** The `.prj` GDAL writes for a shapefile in `srs`. */
function prj(srs: string): string {
  const source = path.join(dir, 'point.geojson');
  fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.3, 35.4] } }] }));
  const name = srs.replace(/\W/g, '_');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-a_srs', srs, path.join(dir, `${name}.shp`), source]);
  return fs.readFileSync(path.join(dir, `${name}.prj`), 'utf8');
}

/** A made-up but plausible county conversion, Xi'an 1980 → CGCS2000. */
const PARAMETERS = '-12.352,118.614,52.473,0.412,-1.107,2.364,-3.82';

describe('Xi’an 1980 and Beijing 1954 with a county’s seven parameters', () => {
  const proj = canRun('projinfo', ['EPSG:2360']);

  it.skipIf(!proj)('knows every legacy zone as PROJ defines it (central meridian, false easting, ellipsoid)', () => {
    // Each family's first, second and last code: the offsets are what could be wrong.
    const families = [[2327, 2337], [2338, 2348], [2349, 2369], [2370, 2390], [21413, 21423], [21453, 21463], [2401, 2421], [2422, 2442]];
    const codes = [4610, 4214, ...families.flatMap(([first, last]) => [first, first + 1, last])];
    const zero = { dxM: 0, dyM: 0, dzM: 0, rxSec: 0, rySec: 0, rzSec: 0, scalePpm: 0 };
    for (const code of codes) {
      const crs = legacyCrsFromEpsg(code)!;
      expect(crs, String(code)).toBeDefined();
      expect(legacyEpsg(crs.datum, crs.zone), String(code)).toBe(code);
      const ours = legacyProj4(crs, zero).replace(' +towgs84=0,0,0,0,0,0,0', '');
      expect(ours.replace(' +units=m', '').replace(' +no_defs', ''), String(code)).toBe(
        projDefinition(code).replace(' +units=m', '').replace(' +no_defs', ''),
      );
    }
    expect(legacyCrsFromEpsg(4524)).toBeUndefined();
  }, 30_000);

  it('reads the datum and zone from the .prj GDAL writes and from WKT2', () => {
    const zone36 = { widthDeg: 3, zone: 36, prefixed: true };
    expect(legacyCrsFromWkt(prj('EPSG:2360'))).toEqual({ datum: 'xian1980', epsg: 2360, zone: zone36 });
    expect(legacyCrsFromWkt(execFileSync('gdalsrsinfo', ['-o', 'wkt2', 'EPSG:2381'], { encoding: 'utf8' }))).toMatchObject({ datum: 'xian1980', epsg: 2381 });
    expect(legacyCrsFromWkt(prj('EPSG:2412'))).toMatchObject({ datum: 'beijing1954', epsg: 2412, zone: zone36 });
    expect(legacyCrsFromWkt(prj('EPSG:4214'))).toEqual({ datum: 'beijing1954', epsg: 4214 });
    expect(legacyCrsFromWkt(prj('EPSG:4524'))).toBeUndefined();
  });

  it('reads the seven parameters, and refuses anything but seven numbers', () => {
    expect(parseBursaWolf(PARAMETERS)).toEqual({
      ok: true,
      value: { dxM: -12.352, dyM: 118.614, dzM: 52.473, rxSec: 0.412, rySec: -1.107, rzSec: 2.364, scalePpm: -3.82 },
    });
    expect(parseBursaWolf('1 2 3；4，5 6 7').ok).toBe(true);
    for (const bad of ['', '1,2,3', '1,2,3,4,5,6,7,8', '1,2,3,4,5,6,x']) expect(parseBursaWolf(bad)).toMatchObject({ ok: false, errors: [{ reason: 'invalidBursaWolf' }] });
  });

  it.skipIf(!canRun('cs2cs', []))('converts as cs2cs does with PROJ’s own zone and the parameters, to a millimetre; coordinate-frame rotations negated', () => {
    const bw = parseBursaWolf(PARAMETERS);
    if (!bw.ok) throw new Error('parameters');
    const crs = legacyCrsFromEpsg(2360)!;
    const points: [number, number][] = [[36_527_000.5, 3_925_400.25], [36_412_345.67, 3_812_345.68]];
    const cs2cs = (source: string) =>
      execFileSync('cs2cs', ['-f', '%.10f', source, '+to', CGCS2000_TOWGS84_PROJ4], { input: points.map((p) => p.join(' ')).join('\n') + '\n', encoding: 'utf8' })
        .trim().split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number));
    const reference = cs2cs(`${projDefinition(2360)} +towgs84=${PARAMETERS}`);
    const convert = proj4(legacyProj4(crs, bw.value), CGCS2000_TOWGS84_PROJ4);
    const toZone = proj4(CGCS2000_TOWGS84_PROJ4, '+proj=tmerc +lon_0=108 +x_0=36500000 +ellps=GRS80 +units=m');
    points.forEach((p, i) => {
      const [e0, n0] = toZone.forward(reference[i]);
      const [e1, n1] = toZone.forward(convert.forward(p));
      expect(Math.hypot(e1 - e0, n1 - n0)).toBeLessThan(0.001);
      // Tens of metres from where no shift leaves it: the datum change is really made.
      const [e2, n2] = toZone.forward(cs2cs(projDefinition(2360))[i]);
      expect(Math.hypot(e2 - e0, n2 - n0)).toBeGreaterThan(10);
    });
    const frame = legacyProj4(crs, bw.value, 'coordinateFrame');
    expect(frame).toContain('+towgs84=-12.352,118.614,52.473,-0.412,1.107,-2.364,-3.82');
  });
});
