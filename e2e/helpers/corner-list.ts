import { cornerListFromGeoJson, formatPlainTable, gkToLonLat, lonLatToGk, type GkZone } from '@mpm/geo';

/** The demo county lies around 108.4°E: CGCS2000 3° zone 36 (central meridian 108°E), with prefix. */
export const ZONE_36: GkZone = { widthDeg: 3, zone: 36, prefixed: true };

/**
 * A square block of half-side `halfM` metres on the zone-36 grid, centred on `[lon, lat]`, written
 * as a plain-table corner list (拐点坐标) — what a planner would paste.
 */
export function squareCornerList([lon, lat]: readonly number[], halfM: number): string {
  const centre = lonLatToGk([lon, lat], ZONE_36);
  const ring = [
    [-halfM, -halfM],
    [halfM, -halfM],
    [halfM, halfM],
    [-halfM, halfM],
  ].map(([dn, de]) => gkToLonLat({ northingM: centre.northingM + dn, eastingM: centre.eastingM + de }, ZONE_36));
  const square: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]].map(([x, y]) => [x, y])] };
  const list = cornerListFromGeoJson(square, ZONE_36);
  if (!list.ok) throw new Error(`cannot build the corner list: ${JSON.stringify(list.errors)}`);
  return formatPlainTable(list.value);
}
