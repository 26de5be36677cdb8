import { MESSAGES } from './messages.ts';
import { MISSING_ZONE_PREFIX, UNKNOWN_ZONE_PREFIX, UNSUPPORTED_CRS } from './reasons.ts';
import type { Problem, Result } from './types.ts';

/**
 * A CGCS2000 Gauss–Krüger zone. The projection depends only on the central meridian; the
 * width and the prefix decide the EPSG code and whether eastings carry the zone number.
 */
export interface GkZone {
  /** Zone width in degrees of longitude. */
  readonly widthDeg: 3 | 6;
  /** Zone number: 3° zones 25–45 (CM = 3n), 6° zones 13–23 (CM = 6n − 3). */
  readonly zone: number;
  /** Whether eastings carry the zone number: false easting zone × 1 000 000 + 500 000. */
  readonly prefixed: boolean;
}

/** Zone numbers covering China, by width. */
export const ZONE_RANGE = { 3: [25, 45], 6: [13, 23] } as const;

/** Whether `zone` is a CGCS2000 zone of that width covering China. */
export function isValidZone(widthDeg: 3 | 6, zone: number): boolean {
  const [min, max] = ZONE_RANGE[widthDeg];
  return Number.isInteger(zone) && zone >= min && zone <= max;
}

/** Central meridian in degrees east: 3n for 3° zones, 6n − 3 for 6° zones. */
export function centralMeridian(z: Pick<GkZone, 'widthDeg' | 'zone'>): number {
  return z.widthDeg === 3 ? 3 * z.zone : 6 * z.zone - 3;
}

/** False easting in metres: zone × 1e6 + 500 000 with prefix, 500 000 without. */
export function falseEasting(z: GkZone): number {
  return (z.prefixed ? z.zone * 1_000_000 : 0) + 500_000;
}

/**
 * EPSG code of a zone: 4513–4533 (3°, prefix), 4534–4554 (3°, by CM), 4491–4501 (6°, prefix),
 * 4502–4512 (6°, by CM).
 */
export function gkEpsg(z: GkZone): number {
  const cm = centralMeridian(z);
  if (z.widthDeg === 3) return z.prefixed ? 4513 + (z.zone - 25) : 4534 + (cm - 75) / 3;
  return z.prefixed ? 4491 + (z.zone - 13) : 4502 + (cm - 75) / 6;
}

/** The zone for a CGCS2000 Gauss–Krüger EPSG code (4491–4554), or undefined. */
export function gkZoneFromEpsg(code: number): GkZone | undefined {
  if (!Number.isInteger(code)) return undefined;
  if (code >= 4491 && code <= 4501) return { widthDeg: 6, zone: code - 4491 + 13, prefixed: true };
  if (code >= 4502 && code <= 4512) return { widthDeg: 6, zone: code - 4502 + 13, prefixed: false };
  if (code >= 4513 && code <= 4533) return { widthDeg: 3, zone: code - 4513 + 25, prefixed: true };
  if (code >= 4534 && code <= 4554) return { widthDeg: 3, zone: code - 4534 + 25, prefixed: false };
  return undefined;
}

/** The proj4 definition of a zone, built from the formulas (GRS80, scale 1, metres). */
export function gkProj4(z: GkZone): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian(z)} +k=1 +x_0=${falseEasting(z)} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/**
 * The zone a central meridian belongs to. A meridian that is both a 3° and a 6° one
 * (e.g. 111°) is read as 3° unless `widthDeg` says otherwise: the projection is the same.
 */
export function zoneFromCentralMeridian(cmDeg: number, widthDeg?: 3 | 6): Pick<GkZone, 'widthDeg' | 'zone'> | undefined {
  const widths: (3 | 6)[] = widthDeg ? [widthDeg] : [3, 6];
  for (const w of widths) {
    const zone = w === 3 ? cmDeg / 3 : (cmDeg + 3) / 6;
    if (isValidZone(w, zone)) return { widthDeg: w, zone };
  }
  return undefined;
}

/** The zone whose central meridian is nearest to `lonDeg`, for writing lon/lat out as GK. */
export function zoneForLongitude(lonDeg: number, widthDeg: 3 | 6 = 3, prefixed = true): Result<GkZone, Problem> {
  const zone = widthDeg === 3 ? Math.round(lonDeg / 3) : Math.floor(lonDeg / 6) + 1;
  if (isValidZone(widthDeg, zone)) return { ok: true, value: { widthDeg, zone, prefixed } };
  const what = { zh: '经度', en: 'longitude' };
  return { ok: false, errors: [{ reason: UNSUPPORTED_CRS, message: MESSAGES[UNSUPPORTED_CRS]({ what, value: String(lonDeg) }) }] };
}

/** Number of digits in the integer part of a non-negative number. */
export function integerDigits(value: number): number {
  return Math.trunc(Math.abs(value)).toString().length;
}

/**
 * The zone an easting's prefix names: 8 integer digits whose first two are 25–45 (3°) or
 * 13–23 (6°). Any other easting gives `missingZonePrefix` (the zone must be given) or
 * `unknownZonePrefix`.
 */
export function detectZone(eastingM: number): Result<GkZone, Problem> {
  if (!Number.isFinite(eastingM) || eastingM < 0 || integerDigits(eastingM) !== 8) {
    return { ok: false, errors: [{ reason: MISSING_ZONE_PREFIX, message: MESSAGES[MISSING_ZONE_PREFIX]() }] };
  }
  const prefix = Math.trunc(eastingM / 1_000_000);
  for (const widthDeg of [3, 6] as const) {
    if (isValidZone(widthDeg, prefix)) return { ok: true, value: { widthDeg, zone: prefix, prefixed: true } };
  }
  return { ok: false, errors: [{ reason: UNKNOWN_ZONE_PREFIX, message: MESSAGES[UNKNOWN_ZONE_PREFIX]({ prefix }) }] };
}
