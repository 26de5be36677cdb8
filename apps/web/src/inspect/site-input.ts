import { CHINA_RANGE, detectZone, gkToLonLat, isValidZone, parseDms, type GkZone, type LonLat } from '@mpm/geo';

/** Why typed coordinates give no site; the panel words each one (i18n keys by reason). */
export type SiteInputProblem =
  | { reason: 'empty'; field: 'lon' | 'lat' | 'x' | 'y' }
  | { reason: 'notAnAngle'; field: 'lon' | 'lat'; text: string }
  | { reason: 'outsideChina'; field: 'lon' | 'lat'; text: string }
  | { reason: 'swapped' }
  | { reason: 'notANumber'; field: 'x' | 'y' | 'zone'; text: string }
  | { reason: 'xOutOfRange'; text: string }
  | { reason: 'yOutOfRange'; text: string }
  | { reason: 'needZone' }
  | { reason: 'badZone'; zone: number }
  | { reason: 'zoneMismatch'; prefix: number; zone: number };

export type SiteInputResult = { ok: true; lonLat: LonLat; zone?: GkZone } | { ok: false; problem: SiteInputProblem };

/** China's longitudes and latitudes, generously: a point outside is a typing slip, not a site. */
const CHINA_LONLAT = { lon: [73, 136], lat: [3, 54] } as const;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const inRange = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;
const fail = (problem: SiteInputProblem): SiteInputResult => ({ ok: false, problem });

/** An angle typed as decimal degrees (`108.45`) or degrees-minutes-seconds (`108°27′00″E`, `108 27 0`). */
export function parseAngle(text: string): number | null {
  const trimmed = text.trim().replace(/[，,]/g, '.');
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  const dms = parseDms(trimmed);
  return dms.ok ? dms.value : null;
}

/** Longitude and latitude typed in two fields (decimal degrees or DMS), CGCS2000. */
export function parseLonLatInput(lonText: string, latText: string): SiteInputResult {
  if (lonText.trim() === '') return fail({ reason: 'empty', field: 'lon' });
  if (latText.trim() === '') return fail({ reason: 'empty', field: 'lat' });
  const lon = parseAngle(lonText);
  if (lon === null) return fail({ reason: 'notAnAngle', field: 'lon', text: lonText.trim() });
  const lat = parseAngle(latText);
  if (lat === null) return fail({ reason: 'notAnAngle', field: 'lat', text: latText.trim() });
  const lonOk = inRange(lon, CHINA_LONLAT.lon);
  const latOk = inRange(lat, CHINA_LONLAT.lat);
  if (!lonOk && !latOk && inRange(lat, CHINA_LONLAT.lon) && inRange(lon, CHINA_LONLAT.lat)) return fail({ reason: 'swapped' });
  if (!lonOk) return fail({ reason: 'outsideChina', field: 'lon', text: lonText.trim() });
  if (!latOk) return fail({ reason: 'outsideChina', field: 'lat', text: latText.trim() });
  return { ok: true, lonLat: [lon, lat] };
}

const integerDigits = (value: number) => Math.trunc(Math.abs(value)).toString().length;

/** Zone numbers 13–23 are 6° zones and 25–45 3° zones (the ranges do not overlap). */
const widthOf = (zone: number): 3 | 6 | null => (isValidZone(3, zone) ? 3 : isValidZone(6, zone) ? 6 : null);

/**
 * A Gauss–Krüger point typed as surveyors write it: X the northing (7 digits), Y the easting,
 * with its zone number as a prefix (8 digits) or without (6 digits, then the zone is needed).
 */
export function parseGkInput(xText: string, yText: string, zoneText: string): SiteInputResult {
  if (xText.trim() === '') return fail({ reason: 'empty', field: 'x' });
  if (yText.trim() === '') return fail({ reason: 'empty', field: 'y' });
  const x = DECIMAL.test(xText.trim()) ? Number(xText.trim()) : Number.NaN;
  const y = DECIMAL.test(yText.trim()) ? Number(yText.trim()) : Number.NaN;
  if (Number.isNaN(x)) return fail({ reason: 'notANumber', field: 'x', text: xText.trim() });
  if (Number.isNaN(y)) return fail({ reason: 'notANumber', field: 'y', text: yText.trim() });
  if ((integerDigits(x) === 8 || integerDigits(x) === 6) && integerDigits(y) === 7) return fail({ reason: 'swapped' });
  if (x < 0 || !inRange(x, CHINA_RANGE.northingM)) return fail({ reason: 'xOutOfRange', text: xText.trim() });

  let given: number | undefined;
  if (zoneText.trim() !== '') {
    given = Number(zoneText.trim());
    if (!Number.isInteger(given)) return fail({ reason: 'notANumber', field: 'zone', text: zoneText.trim() });
    if (!widthOf(given)) return fail({ reason: 'badZone', zone: given });
  }

  let zone: GkZone;
  if (integerDigits(y) === 8) {
    const detected = detectZone(y);
    if (!detected.ok) return fail({ reason: 'badZone', zone: Math.trunc(y / 1_000_000) });
    if (given !== undefined && given !== detected.value.zone) {
      return fail({ reason: 'zoneMismatch', prefix: detected.value.zone, zone: given });
    }
    zone = detected.value;
  } else if (integerDigits(y) === 6) {
    if (given === undefined) return fail({ reason: 'needZone' });
    zone = { widthDeg: widthOf(given)!, zone: given, prefixed: false };
  } else {
    return fail({ reason: 'yOutOfRange', text: yText.trim() });
  }
  const local = zone.prefixed ? y - zone.zone * 1_000_000 : y;
  if (!inRange(local, CHINA_RANGE.localEastingM)) return fail({ reason: 'yOutOfRange', text: yText.trim() });
  const lonLat = gkToLonLat({ northingM: x, eastingM: y }, zone);
  return { ok: true, lonLat, zone };
}
