import proj4 from 'proj4';
import { gkEpsg, gkProj4, gkZoneFromEpsg, type GkZone } from './gauss-kruger.ts';
import { MESSAGES, type LegacyDatum } from './messages.ts';
import { LEGACY_DATUM, UNSUPPORTED_CRS } from './reasons.ts';
import type { GkPoint, LonLat, Problem, Result } from './types.ts';

/** EPSG code of CGCS2000 geographic coordinates (2000国家大地坐标系). */
export const CGCS2000_EPSG = 4490;

/** The GRS80 ellipsoid of CGCS2000: semi-major axis in metres and flattening. */
export const GRS80 = { a: 6_378_137, f: 1 / 298.257222101 } as const;

const LONLAT_PROJ4 = '+proj=longlat +ellps=GRS80 +no_defs';

/** A coordinate reference system this package can work in. */
export type Crs = { readonly kind: 'geographic'; readonly epsg: 4490 } | { readonly kind: 'gaussKruger'; readonly epsg: number; readonly zone: GkZone };

/** EPSG ranges of the legacy datums (proj.db): geographic, 6° and 3° Gauss–Krüger. */
const LEGACY_EPSG: readonly (readonly [number, number, LegacyDatum])[] = [
  [4610, 4610, 'xian1980'],
  [2327, 2390, 'xian1980'],
  [4214, 4214, 'beijing1954'],
  [2401, 2442, 'beijing1954'],
  [21413, 21423, 'beijing1954'],
  [21453, 21463, 'beijing1954'],
  [21473, 21483, 'beijing1954'],
];

/** A problem with a coordinate reference system. */
export type CrsProblem = Problem<typeof LEGACY_DATUM | typeof UNSUPPORTED_CRS>;

/**
 * Resolves an EPSG code to CGCS2000 geographic (4490) or one of its Gauss–Krüger zones
 * (4491–4554). Xi'an 1980 and Beijing 1954 codes are refused with `legacyDatum`: PROJ would
 * convert them with a zero shift, so they need bureau-supplied parameters instead.
 */
export function resolveCrs(epsg: number): Result<Crs, CrsProblem> {
  if (epsg === CGCS2000_EPSG) return { ok: true, value: { kind: 'geographic', epsg: CGCS2000_EPSG } };
  const zone = gkZoneFromEpsg(epsg);
  if (zone) return { ok: true, value: { kind: 'gaussKruger', epsg, zone } };
  const legacy = LEGACY_EPSG.find(([min, max]) => epsg >= min && epsg <= max);
  if (legacy) return { ok: false, errors: [{ reason: LEGACY_DATUM, message: MESSAGES[LEGACY_DATUM]({ datum: legacy[2] }) }] };
  const what = { zh: '坐标系 EPSG 代码', en: 'EPSG code' };
  return { ok: false, errors: [{ reason: UNSUPPORTED_CRS, message: MESSAGES[UNSUPPORTED_CRS]({ what, value: String(epsg) }) }] };
}

/** The datum a piece of text names (a title line, a `坐标系=` value), or undefined. */
export function detectDatum(text: string): 'cgcs2000' | LegacyDatum | undefined {
  if (/(19)?80\s*年?\s*西安|西安\s*(19)?80|xi.?an\s*(19)?80/i.test(text)) return 'xian1980';
  if (/(19)?54\s*年?\s*北京|北京\s*(19)?54|beijing\s*(19)?54/i.test(text)) return 'beijing1954';
  if (/2000\s*国家大地|国家\s*2000|CGCS\s*2000|2000\s*(大地)?坐标系/i.test(text)) return 'cgcs2000';
  return undefined;
}

const converters = new Map<number, proj4.Converter>();

function converter(zone: GkZone): proj4.Converter {
  const epsg = gkEpsg(zone);
  let c = converters.get(epsg);
  if (!c) {
    c = proj4(gkProj4(zone), LONLAT_PROJ4);
    converters.set(epsg, c);
  }
  return c;
}

/** Gauss–Krüger metres (surveyor X = north, Y = east) to CGCS2000 `[lon, lat]` in degrees. */
export function gkToLonLat(point: GkPoint, zone: GkZone): LonLat {
  const [lon, lat] = converter(zone).forward([point.eastingM, point.northingM]);
  return [lon, lat];
}

/** CGCS2000 `[lon, lat]` in degrees to Gauss–Krüger metres in `zone`. */
export function lonLatToGk(lonLat: LonLat, zone: GkZone): GkPoint {
  const [eastingM, northingM] = converter(zone).inverse([lonLat[0], lonLat[1]]);
  return { northingM, eastingM };
}
