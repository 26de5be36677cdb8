import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2 } from '@mpm/geo';
import { areaFigures, distanceText, measure, type LonLat } from './measure-figures.ts';

/** One degree of longitude along the equator of GRS80: a·π/180. */
const EQUATOR_DEGREE_M = (6_378_137 * Math.PI) / 180;

/** Corners of a quadrilateral near Zhengning, as clicked: not closed. */
const corners: LonLat[] = [
  [108.35, 35.45],
  [108.36, 35.45],
  [108.36, 35.459],
  [108.35, 35.459],
];

describe('measure', () => {
  it('measures a line along the geodesics of GRS80', () => {
    const m = measure('distance', [
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
    expect(m.lengthM).toBeCloseTo(EQUATOR_DEGREE_M, 3);
    expect(m.areaM2).toBeNull();
  });

  it('closes the ring itself and gives the area on the ellipsoid, with the perimeter', () => {
    const m = measure('area', corners);
    const closed = [...corners, corners[0]].map((p) => [...p]);
    expect(m.areaM2).toBe(ellipsoidalAreaM2({ type: 'Polygon', coordinates: [closed] }));
    expect(m.areaM2).toBeGreaterThan(900_000);
    expect(m.lengthM).toBeGreaterThan(measure('distance', corners).lengthM);
  });

  it('has no area before the third corner, and ignores a corner clicked twice', () => {
    expect(measure('area', corners.slice(0, 2)).areaM2).toBeNull();
    const twice = measure('area', [corners[0], corners[1], corners[1], corners[2]]);
    expect(twice.points).toBe(3);
  });
});

describe('measure figures', () => {
  it('shows metres below a kilometre and kilometres above', () => {
    expect(distanceText(999.94, 'zh')).toBe('999.9 米');
    expect(distanceText(1500, 'zh')).toBe('1.500 千米');
    expect(distanceText(12_345.6, 'en')).toBe('12.346 km');
  });

  it('shows one km² in m², mu, ha and km²', () => {
    expect(areaFigures(1_000_000, 'zh').map((f) => f.text)).toEqual(['1,000,000 平方米', '1,500.00 亩', '100.00 公顷', '1.00 平方千米']);
    expect(areaFigures(998_600, 'zh').at(-1)!.text).toBe('1.00 平方千米');
    expect(areaFigures(5_000, 'en').map((f) => f.text)).toEqual(['5,000 m²', '7.50 mu', '0.50 ha', '0.0050 km²']);
    expect(areaFigures(500, 'en').map((f) => f.text)).toEqual(['500 m²', '0.75 mu', '0.0500 ha', '0.0005 km²']);
  });
});
