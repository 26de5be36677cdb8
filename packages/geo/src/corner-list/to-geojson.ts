import type { MultiPolygon, Polygon, Position } from 'geojson';
import { gkToLonLat } from '../crs.ts';
import type { GkZone } from '../gauss-kruger.ts';
import type { CornerPolygon, CornerRing } from './types.ts';

/** Twice the signed planar area of a closed lon/lat ring: positive when counter-clockwise. */
function signedArea2(ring: readonly Position[]): number {
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 2; i < ring.length; i++) {
    sum += (ring[i - 1][0] - x0) * (ring[i][1] - y0) - (ring[i][0] - x0) * (ring[i - 1][1] - y0);
  }
  return sum;
}

function lonLatRing(ring: CornerRing, zone: GkZone, counterClockwise: boolean): Position[] {
  const positions: Position[] = ring.points.map((p) => [...gkToLonLat(p, zone)]);
  positions.push([...positions[0]]);
  // Reversing a closed ring keeps its first position, so point 1 stays first.
  return signedArea2(positions) > 0 === counterClockwise ? positions : positions.reverse();
}

/**
 * The corner polygons as GeoJSON in EPSG:4490 lon/lat (RFC 7946): rings closed, outer rings
 * counter-clockwise, holes clockwise; a Polygon for one block, a MultiPolygon for several.
 */
export function cornerPolygonsToGeoJson(polygons: readonly CornerPolygon[], zone: GkZone): Polygon | MultiPolygon {
  const coordinates = polygons.map((polygon) => polygon.rings.map((ring, i) => lonLatRing(ring, zone, i === 0)));
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] } : { type: 'MultiPolygon', coordinates };
}
