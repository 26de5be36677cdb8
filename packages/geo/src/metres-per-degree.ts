import { GRS80 } from './crs.ts';

const e2 = GRS80.f * (2 - GRS80.f);
const RAD = Math.PI / 180;

/**
 * Metres per degree of longitude (`x`) and of latitude (`y`) at `latDeg` on GRS80, from the
 * radii of curvature: the local scale that makes planar lon/lat distances near that latitude
 * close to true ones.
 */
export function metresPerDegree(latDeg: number): { x: number; y: number } {
  const sin = Math.sin(latDeg * RAD);
  const w = Math.sqrt(1 - e2 * sin * sin);
  const primeVertical = GRS80.a / w;
  const meridional = (GRS80.a * (1 - e2)) / (w * w * w);
  return { x: primeVertical * Math.cos(latDeg * RAD) * RAD, y: meridional * RAD };
}
