import { roundTo } from '@mpm/domain';

/** Rectangular coordinates are written with 2 decimals (MNR 2022). */
export const COORDINATE_DECIMALS = 2;

/** Writes metres with a fixed number of decimals, rounded half away from zero. */
export function metres(value: number, decimals = COORDINATE_DECIMALS): string {
  return roundTo(value, decimals).toFixed(decimals);
}
