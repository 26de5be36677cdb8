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
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON)) / f;
}
