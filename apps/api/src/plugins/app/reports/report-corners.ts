import {
  cornerListFromGeoJson,
  formatLonLatDms,
  gkToLonLat,
  plainTableTitle,
  zoneForLongitude,
  type GkZone,
} from '@mpm/geo';
import type { Bilingual } from '@mpm/domain';
import type { BlockGeometry } from '@mpm/rules';

/** One corner as printed: surveyor X/Y with 2 decimals, DMS with seconds to 3 decimals. */
export interface CornerRow {
  /** 1-based block (块段) number, for blocks of several parts. */
  block: number;
  /** 1 for the outer ring, 2 and up for holes (圈号). */
  ring: number;
  label: string;
  /** X (northing) in metres, `2` decimals. */
  x: string;
  /** Y (easting with the zone prefix) in metres, 2 decimals. */
  y: string;
  lon: string;
  lat: string;
  /** The corner in EPSG:4490 degrees, for the map's labels. */
  lonLat: readonly [number, number];
}

/** The corner table of a block, or why it could not be made. */
export type CornerTable =
  | { ok: true; title: string; zone: GkZone; epsg: number; rows: CornerRow[] }
  | { ok: false; message: Bilingual };

/** Longitude of the middle of a block's box. */
function centreLongitude(block: BlockGeometry): number {
  const lons = (block.type === 'Polygon' ? [block.coordinates] : block.coordinates).flat(2).map((p) => p[0]);
  return (Math.min(...lons) + Math.max(...lons)) / 2;
}

/**
 * The block's corner-point list (拐点坐标) in the 3° Gauss–Krüger zone of its centre, eastings
 * with the zone prefix, numbered per block as surveyors list them (outer rings clockwise,
 * holes after their outer ring). The DMS are those of the rounded X/Y, so table and map agree.
 */
export function cornerTable(block: BlockGeometry): CornerTable {
  const zone = zoneForLongitude(centreLongitude(block), 3, true);
  if (!zone.ok) return { ok: false, message: zone.errors[0].message };
  const list = cornerListFromGeoJson(block, zone.value);
  if (!list.ok) return { ok: false, message: list.errors[0].message };
  const rows = list.value.polygons.flatMap((polygon, b) =>
    polygon.rings.flatMap((ring, r) =>
      ring.points.map((point): CornerRow => {
        const lonLat = gkToLonLat(point, zone.value);
        const dms = formatLonLatDms(lonLat);
        return {
          block: b + 1,
          ring: r + 1,
          label: point.label,
          x: point.northingM.toFixed(2),
          y: point.eastingM.toFixed(2),
          lon: dms.lon,
          lat: dms.lat,
          lonLat,
        };
      }),
    ),
  );
  return { ok: true, title: plainTableTitle(list.value), zone: zone.value, epsg: list.value.epsg, rows };
}
