import { describe, expect, it } from 'vitest';
import {
  LEGACY_DATUM,
  UNSUPPORTED_CRS,
  detectDatum,
  formatLonLatDms,
  gkToLonLat,
  gkZoneFromEpsg,
  lonLatToGk,
  resolveCrs,
  type GkPoint,
} from '../src/index.ts';

const ZONE_38 = gkZoneFromEpsg(4526)!;

/** ECOSYSTEM.md §2.3: the sample block and its DMS corners (computed there with GDAL). */
const SAMPLE: readonly (readonly [GkPoint, string, string])[] = [
  [{ northingM: 3153859.71, eastingM: 38512086.86 }, '114°07′24.442″E', '28°30′00.000″N'],
  [{ northingM: 3153859.71, eastingM: 38512486.86 }, '114°07′39.150″E', '28°29′59.986″N'],
  [{ northingM: 3153559.71, eastingM: 38512486.86 }, '114°07′39.138″E', '28°29′50.242″N'],
  [{ northingM: 3153559.71, eastingM: 38512086.86 }, '114°07′24.430″E', '28°29′50.255″N'],
];

describe('gkToLonLat / lonLatToGk', () => {
  it('converts the §2.3 sample corners to the published DMS', () => {
    for (const [gk, lon, lat] of SAMPLE) expect(formatLonLatDms(gkToLonLat(gk, ZONE_38))).toEqual({ lon, lat });
  });

  it('gives the same lon/lat for the same point with and without the zone prefix', () => {
    const withPrefix = gkToLonLat({ northingM: 3153859.71, eastingM: 38512086.86 }, ZONE_38);
    const without = gkToLonLat({ northingM: 3153859.71, eastingM: 512086.86 }, gkZoneFromEpsg(4547)!);
    expect(without[0]).toBeCloseTo(withPrefix[0], 12);
    expect(without[1]).toBeCloseTo(withPrefix[1], 12);
  });

  it('round-trips lon/lat → GK → lon/lat far below 0.1 mm', () => {
    for (const [gk] of SAMPLE) {
      const back = lonLatToGk(gkToLonLat(gk, ZONE_38), ZONE_38);
      expect(Math.abs(back.northingM - gk.northingM)).toBeLessThan(1e-4);
      expect(Math.abs(back.eastingM - gk.eastingM)).toBeLessThan(1e-4);
    }
  });

  it('does not mutate its input', () => {
    const point = Object.freeze({ northingM: 3153859.71, eastingM: 38512086.86 });
    const lonLat = Object.freeze([114.1, 28.5] as const);
    expect(() => gkToLonLat(point, ZONE_38)).not.toThrow();
    expect(() => lonLatToGk(lonLat, ZONE_38)).not.toThrow();
  });
});

describe('resolveCrs', () => {
  it('accepts CGCS2000 and its Gauss–Krüger zones', () => {
    expect(resolveCrs(4490)).toEqual({ ok: true, value: { kind: 'geographic', epsg: 4490 } });
    expect(resolveCrs(4526)).toEqual({ ok: true, value: { kind: 'gaussKruger', epsg: 4526, zone: ZONE_38 } });
  });

  it.each([
    [2364, '1980西安坐标系', 'Xi’an 1980'],
    [4610, '1980西安坐标系', 'Xi’an 1980'],
    [4214, '1954北京坐标系', 'Beijing 1954'],
    [2416, '1954北京坐标系', 'Beijing 1954'],
    [21418, '1954北京坐标系', 'Beijing 1954'],
  ])('refuses legacy EPSG:%i rather than converting it silently', (code, zh, en) => {
    const result = resolveCrs(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].reason).toBe(LEGACY_DATUM);
    expect(result.errors[0].message.zh).toContain(zh);
    expect(result.errors[0].message.zh).toContain('转换参数');
    expect(result.errors[0].message.en).toContain(en);
    expect(result.errors[0].message.en).toContain('parameters supplied by the bureau');
  });

  it('says a code it does not know is unsupported', () => {
    const result = resolveCrs(3857);
    expect(result.ok || result.errors[0].reason).toBe(UNSUPPORTED_CRS);
  });
});

describe('detectDatum', () => {
  it.each([
    ['2000国家大地坐标系', 'cgcs2000'],
    ['CGCS2000', 'cgcs2000'],
    ['1980西安坐标系', 'xian1980'],
    ['西安80', 'xian1980'],
    ["Xi'an 1980", 'xian1980'],
    ['1954年北京坐标系', 'beijing1954'],
    ['1980年西安坐标系', 'xian1980'],
    ['1954北京坐标系', 'beijing1954'],
    ['北京54', 'beijing1954'],
    ['WGS84', undefined],
  ])('%s → %s', (text, datum) => expect(detectDatum(text)).toBe(datum));
});
