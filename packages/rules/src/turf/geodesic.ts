import * as geographiclibNamespace from 'geographiclib-geodesic';
import { GRS80 } from '@mpm/geo';

// A CommonJS bundle: under Node the namespace holds only `default`, under Vite the named exports
// (the same interop as packages/geo/src/area.ts).
const geographiclib =
  (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;

const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.a, GRS80.f);
const e2 = GRS80.f * (2 - GRS80.f);
const RAD = Math.PI / 180;

/** Geodesic distance in metres on GRS80 between two lon/lat positions (Karney's Inverse). */
export function geodesicDistanceM(a: GeoJSON.Position, b: GeoJSON.Position): number {
  return geodesic.Inverse(a[1], a[0], b[1], b[0], geographiclib.Geodesic.DISTANCE).s12 ?? NaN;
}

/**
 * Metres per degree of longitude (`x`) and of latitude (`y`) at `latDeg` on GRS80: the local
 * scale that makes planar lon/lat distances near that latitude close to true ones.
 */
export function metresPerDegree(latDeg: number): { x: number; y: number } {
  const sin = Math.sin(latDeg * RAD);
  const w = Math.sqrt(1 - e2 * sin * sin);
  const primeVertical = GRS80.a / w;
  const meridional = (GRS80.a * (1 - e2)) / (w * w * w);
  return { x: primeVertical * Math.cos(latDeg * RAD) * RAD, y: meridional * RAD };
}
