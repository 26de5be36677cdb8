import { describe, expect, it } from 'vitest';
import { centralMeridian, gkEpsg, gkToLonLat, gkZoneFromEpsg, lonLatToGk, metresPerDegree, type GkZone } from '../src/index.ts';
import { canRun, gdalTransform } from './helpers/external-tools.ts';

const hasGdal = canRun('gdaltransform', ['--version']);

/** Metres between two nearby lon/lat positions (local flat approximation, fine at mm scale). */
function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const { x, y } = metresPerDegree(a[1]);
  return Math.hypot((a[0] - b[0]) * x, (a[1] - b[1]) * y);
}

/** Zones across China with latitudes where each is on land, prefixed and not, 3° and 6°. */
const CASES: readonly (readonly [epsg: number, latitudes: readonly number[]])[] = [
  [4513, [36, 39]], // 3° zone 25, CM 75°E (Kashgar)
  [4526, [22, 28.5, 40]], // 3° zone 38, CM 114°E
  [4533, [46, 48]], // 3° zone 45, CM 135°E
  [4545, [22, 35]], // 3° CM 108°E, no prefix
  [4539, [30, 44]], // 3° CM 90°E, no prefix
  [4498, [25, 33]], // 6° zone 20, CM 117°E
  [4509, [39, 45]], // 6° CM 117°E, no prefix
  [4493, [38, 42]], // 6° zone 15, CM 87°E
];

/** GK points spread over a zone: lon offsets to either side of the CM at each latitude, rounded to cm. */
function spread(zone: GkZone, latitudes: readonly number[]) {
  const half = zone.widthDeg / 2;
  const cm = centralMeridian(zone);
  return latitudes.flatMap((lat) =>
    [-half, -half / 3, 0.01, half / 2, half].map((dLon) => {
      const gk = lonLatToGk([cm + dLon, lat + dLon / 7], zone);
      return { northingM: Math.round(gk.northingM * 100) / 100, eastingM: Math.round(gk.eastingM * 100) / 100 };
    }),
  );
}

describe.skipIf(!hasGdal)('GK → lon/lat against PROJ (gdaltransform)', () => {
  it('confirms gdaltransform takes easting northing and gives lon lat, with the §2.3 corner 1', () => {
    const [lonLat] = gdalTransform('EPSG:4526', [[38512086.86, 3153859.71]]);
    expect(lonLat[0]).toBeCloseTo(114.123456047, 8);
    expect(lonLat[1]).toBeCloseTo(28.500000002, 8);
  });

  it.each(CASES)('EPSG:%i agrees within 1 mm over the zone', (epsg, latitudes) => {
    const zone = gkZoneFromEpsg(epsg)!;
    expect(gkEpsg(zone)).toBe(epsg);
    const points = spread(zone, latitudes);
    const reference = gdalTransform(`EPSG:${epsg}`, points.map((p) => [p.eastingM, p.northingM]));
    expect(reference).toHaveLength(points.length);
    points.forEach((p, i) => expect(distanceM(gkToLonLat(p, zone), reference[i])).toBeLessThan(0.001));
  });
});

if (!hasGdal) it.skip('GK → lon/lat against PROJ: skipped, gdaltransform (gdal-bin) is not installed', () => {});
