import { CGCS2000_EPSG, gkEpsg, zoneForLongitude, type GkZone } from '@mpm/geo';

/** A coordinate system an export can be written in: CGCS2000 lon/lat, or one of the county's Gauss–Krüger zones. */
export interface ExportCrs {
  /** As the export's `crs` parameter takes it: `EPSG:4490`, `EPSG:4524`… */
  code: string;
  /** Absent for lon/lat. */
  zone?: GkZone;
}

/**
 * The systems worth offering for a county: CGCS2000 lon/lat first, then the 3° and the 6° zone
 * whose central meridian is nearest the centre of `bounds`, each with the zone number before
 * the easting and without (bureaus receive both). Only lon/lat when the extent is unknown.
 */
export function exportCrsChoices(bounds: readonly [number, number, number, number] | null): ExportCrs[] {
  const choices: ExportCrs[] = [{ code: `EPSG:${CGCS2000_EPSG}` }];
  if (!bounds) return choices;
  const lon = (bounds[0] + bounds[2]) / 2;
  for (const widthDeg of [3, 6] as const) {
    for (const prefixed of [true, false]) {
      const zone = zoneForLongitude(lon, widthDeg, prefixed);
      if (zone.ok) choices.push({ code: `EPSG:${gkEpsg(zone.value)}`, zone: zone.value });
    }
  }
  return choices;
}
