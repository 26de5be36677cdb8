/** Square metres in one mu (亩): 10 000 / 15. */
export const M2_PER_MU = 10_000 / 15;
/** Square metres in one hectare (公顷). */
export const M2_PER_HA = 10_000;
/** Square metres in one square kilometre. */
export const M2_PER_KM2 = 1_000_000;

export const m2ToMu = (areaM2: number): number => areaM2 / M2_PER_MU;
export const muToM2 = (areaMu: number): number => areaMu * M2_PER_MU;
export const m2ToHa = (areaM2: number): number => areaM2 / M2_PER_HA;
export const m2ToKm2 = (areaM2: number): number => areaM2 / M2_PER_KM2;

/**
 * Rounds half away from zero to `decimals` places, as surveyors and the MNR area notice do
 * (km² to 4 decimals, rectangular coordinates to 2).
 */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // 1.005 × 100 is 100.49999999999999 in binary; at 15 significant digits it is the 100.5 a
  // surveyor wrote, which then rounds up as it should.
  const scaled = Number((Math.abs(value) * f).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / f;
}
