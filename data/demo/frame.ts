import { CGCS2000 } from './geodesic.ts';
import type { PointM, Position } from './types.ts';

/**
 * A local planar frame around an origin: metres east and north, converted to and from
 * longitude/latitude with the ellipsoid's radii of curvature at the origin. Good to a few
 * parts per thousand over a county, which is plenty for placing synthetic shapes; every
 * figure that matters is measured afterwards on the ellipsoid.
 */
export interface LocalFrame {
  origin: Position;
  toLonLat(point: PointM): Position;
  toMetres(position: Position): PointM;
}

/** Creates the local frame centred on `origin` (lon/lat degrees). */
export function createLocalFrame(origin: Position): LocalFrame {
  const { a, f } = CGCS2000;
  const e2 = f * (2 - f);
  const phi = (origin[1] * Math.PI) / 180;
  const w = 1 - e2 * Math.sin(phi) ** 2;
  const metresPerDegreeLat = ((a * (1 - e2)) / w ** 1.5) * (Math.PI / 180);
  const metresPerDegreeLon = (a / Math.sqrt(w)) * Math.cos(phi) * (Math.PI / 180);
  return {
    origin,
    toLonLat: ({ x, y }) => [origin[0] + x / metresPerDegreeLon, origin[1] + y / metresPerDegreeLat],
    toMetres: ([lon, lat]) => ({
      x: (lon - origin[0]) * metresPerDegreeLon,
      y: (lat - origin[1]) * metresPerDegreeLat,
    }),
  };
}
