import { describe, expect, it } from 'vitest';
import { M2_PER_MU, m2ToHa, m2ToKm2, m2ToMu, muToM2, roundTo } from '../src/units.ts';

describe('units', () => {
  it('defines the mu as 10 000 / 15 m²', () => {
    expect(M2_PER_MU).toBeCloseTo(666.6667, 4);
    expect(m2ToMu(10_000)).toBe(15);
    expect(muToM2(15)).toBe(10_000);
  });

  it('converts the Xinbin five-year target of 697 mu to hectares and km²', () => {
    const areaM2 = muToM2(697);
    expect(roundTo(m2ToHa(areaM2), 4)).toBe(46.4667);
    expect(roundTo(m2ToKm2(areaM2), 4)).toBe(0.4647);
  });

  it('rounds half away from zero, as the MNR area notice reports km² to 4 decimals', () => {
    expect(roundTo(0.12345, 4)).toBe(0.1235);
    expect(roundTo(-0.12345, 4)).toBe(-0.1235);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(119_999.55 / 1e6, 4)).toBe(0.12);
  });
});
