import { describe, expect, it } from 'vitest';
import {
  MISSING_ZONE_PREFIX,
  UNKNOWN_ZONE_PREFIX,
  centralMeridian,
  detectZone,
  gkEpsg,
  gkProj4,
  gkZoneFromEpsg,
  zoneForLongitude,
  zoneFromCentralMeridian,
} from '../src/index.ts';

describe('Gauss–Krüger zones and EPSG codes', () => {
  it('builds the definitions PROJ gives for EPSG:4526 and EPSG:4545', () => {
    expect(gkProj4(gkZoneFromEpsg(4526)!)).toBe(
      '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    );
    expect(gkProj4(gkZoneFromEpsg(4545)!)).toBe('+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  });

  it('maps the four EPSG ranges to zones and back', () => {
    expect(gkZoneFromEpsg(4513)).toEqual({ widthDeg: 3, zone: 25, prefixed: true });
    expect(gkZoneFromEpsg(4533)).toEqual({ widthDeg: 3, zone: 45, prefixed: true });
    expect(gkZoneFromEpsg(4534)).toEqual({ widthDeg: 3, zone: 25, prefixed: false });
    expect(gkZoneFromEpsg(4554)).toEqual({ widthDeg: 3, zone: 45, prefixed: false });
    expect(gkZoneFromEpsg(4491)).toEqual({ widthDeg: 6, zone: 13, prefixed: true });
    expect(gkZoneFromEpsg(4501)).toEqual({ widthDeg: 6, zone: 23, prefixed: true });
    expect(gkZoneFromEpsg(4502)).toEqual({ widthDeg: 6, zone: 13, prefixed: false });
    expect(gkZoneFromEpsg(4512)).toEqual({ widthDeg: 6, zone: 23, prefixed: false });
    expect(gkZoneFromEpsg(4490)).toBeUndefined();
    expect(gkZoneFromEpsg(4555)).toBeUndefined();
    for (let code = 4491; code <= 4554; code++) expect(gkEpsg(gkZoneFromEpsg(code)!)).toBe(code);
  });

  it('computes central meridians: 3n for 3° zones, 6n − 3 for 6° zones', () => {
    expect(centralMeridian({ widthDeg: 3, zone: 38 })).toBe(114);
    expect(centralMeridian({ widthDeg: 6, zone: 20 })).toBe(117);
    expect(zoneFromCentralMeridian(114)).toEqual({ widthDeg: 3, zone: 38 });
    expect(zoneFromCentralMeridian(117, 6)).toEqual({ widthDeg: 6, zone: 20 });
    expect(zoneFromCentralMeridian(111)).toEqual({ widthDeg: 3, zone: 37 });
    expect(zoneFromCentralMeridian(112)).toBeUndefined();
  });

  it('picks the nearest zone for a longitude', () => {
    expect(zoneForLongitude(114.12)).toEqual({ ok: true, value: { widthDeg: 3, zone: 38, prefixed: true } });
    expect(zoneForLongitude(115.6)).toEqual({ ok: true, value: { widthDeg: 3, zone: 39, prefixed: true } });
    expect(zoneForLongitude(114.12, 6)).toEqual({ ok: true, value: { widthDeg: 6, zone: 20, prefixed: true } });
    expect(zoneForLongitude(10).ok).toBe(false);
  });
});

describe('detectZone', () => {
  it('reads a 3° zone from an 8-digit easting prefixed 25–45', () => {
    expect(detectZone(38_512_086.86)).toEqual({ ok: true, value: { widthDeg: 3, zone: 38, prefixed: true } });
    expect(detectZone(25_400_000)).toEqual({ ok: true, value: { widthDeg: 3, zone: 25, prefixed: true } });
  });

  it('reads a 6° zone from a prefix 13–23', () => {
    expect(detectZone(20_209_012.34)).toEqual({ ok: true, value: { widthDeg: 6, zone: 20, prefixed: true } });
  });

  it('asks for the zone when the easting has no prefix', () => {
    const result = detectZone(512_086.86);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].reason).toBe(MISSING_ZONE_PREFIX);
      expect(result.errors[0].message).toEqual({ zh: expect.stringContaining('缺少带号'), en: expect.stringContaining('no zone prefix') });
    }
  });

  it('refuses a prefix that is no CGCS2000 zone', () => {
    const result = detectZone(50_512_086.86);
    expect(result.ok || result.errors[0].reason).toBe(UNKNOWN_ZONE_PREFIX);
    expect(detectZone(24_512_086.86).ok).toBe(false);
  });
});
