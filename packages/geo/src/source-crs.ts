import { CGCS2000_EPSG, resolveCrs, type Crs, type CrsProblem } from './crs.ts';
import { gkEpsg, type GkZone } from './gauss-kruger.ts';
import { MESSAGES, type LegacyDatum } from './messages.ts';
import { LEGACY_DATUM, UNSUPPORTED_CRS } from './reasons.ts';
import type { Result } from './types.ts';

/** A source file's CRS as this product reads it, and whether WGS84 was taken as CGCS2000. */
export interface SourceCrs {
  crs: Crs;
  /** WGS84 differs from CGCS2000 by centimetres: accepted as CGCS2000, and the preview says so. */
  wgs84AsCgcs2000: boolean;
}

const WGS84_EPSG = 4326;

/** Legacy datums as WKT and ESRI `.prj` files spell them (`Xian_1980`, `D_Beijing_1954`, `西安80`…). */
export const LEGACY_NAMES: readonly (readonly [RegExp, LegacyDatum])[] = [
  [/xi'?an[\s_-]*(19)?80|西安\s*(19)?80|(19)?80\s*西安/i, 'xian1980'],
  [/beijing[\s_-]*(19)?54|北京\s*(19)?54|(19)?54\s*北京/i, 'beijing1954'],
];

/** The WKT's own EPSG code: the last top-level `ID["EPSG",n]` (WKT2) or `AUTHORITY["EPSG","n"]` (WKT1). */
export function topLevelEpsg(wkt: string): number | undefined {
  const match = /(?:ID\["EPSG",\s*(\d+)\]|AUTHORITY\["EPSG",\s*"(\d+)"\])\s*\]\s*$/.exec(wkt.trim());
  return match ? Number(match[1] ?? match[2]) : undefined;
}

const parameter = (wkt: string, name: RegExp) => {
  const match = new RegExp(`PARAMETER\\["(?:${name.source})",\\s*(-?[\\d.]+)`, 'i').exec(wkt);
  return match ? Number(match[1]) : undefined;
};

/** The CGCS2000 Gauss–Krüger zone a transverse Mercator WKT without an EPSG code describes, if any. */
export function gkZoneOf(wkt: string): GkZone | undefined {
  if (!/transverse[\s_]mercator|gauss/i.test(wkt)) return undefined;
  const cm = parameter(wkt, /central_meridian|longitude of natural origin/);
  const fe = parameter(wkt, /false_easting|false easting/);
  const k = parameter(wkt, /scale_factor|scale factor at natural origin/) ?? 1;
  const lat0 = parameter(wkt, /latitude_of_origin|latitude of natural origin/) ?? 0;
  if (cm === undefined || fe === undefined || k !== 1 || lat0 !== 0 || !Number.isInteger(cm)) return undefined;
  const prefix = Math.round((fe - 500_000) / 1_000_000);
  if (fe !== prefix * 1_000_000 + 500_000) return undefined;
  if (prefix === 0) return cm % 3 === 0 ? { widthDeg: 3, zone: cm / 3, prefixed: false } : { widthDeg: 6, zone: (cm + 3) / 6, prefixed: false };
  if (prefix >= 25 && prefix <= 45 && cm === 3 * prefix) return { widthDeg: 3, zone: prefix, prefixed: true };
  if (prefix >= 13 && prefix <= 23 && cm === 6 * prefix - 3) return { widthDeg: 6, zone: prefix, prefixed: true };
  return undefined;
}

/**
 * The CRS of a source file from its WKT (a `.prj`, a GeoPackage's, GDAL's report): CGCS2000
 * geographic or one of its Gauss–Krüger zones, by EPSG code or by the projection's parameters;
 * WGS84 taken as CGCS2000 (and said so). Xi'an 1980 and Beijing 1954 are refused with
 * `legacyDatum` (converting them needs the county's own parameters), anything else with
 * `unsupportedCrs`: never guessed silently.
 */
export function sourceCrs(wkt: string): Result<SourceCrs, CrsProblem> {
  const legacy = LEGACY_NAMES.find(([pattern]) => pattern.test(wkt));
  if (legacy) return { ok: false, errors: [{ reason: LEGACY_DATUM, message: MESSAGES[LEGACY_DATUM]({ datum: legacy[1] }) }] };
  const epsg = topLevelEpsg(wkt);
  if (epsg === WGS84_EPSG) return { ok: true, value: { crs: { kind: 'geographic', epsg: CGCS2000_EPSG }, wgs84AsCgcs2000: true } };
  if (epsg !== undefined) {
    const resolved = resolveCrs(epsg);
    return resolved.ok ? { ok: true, value: { crs: resolved.value, wgs84AsCgcs2000: false } } : resolved;
  }
  const cgcs2000 = /china[\s_]*(geodetic[\s_]*coordinate[\s_]*system[\s_]*)?2000|cgcs[\s_]*2000/i.test(wkt);
  if (cgcs2000) {
    if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt)) return { ok: true, value: { crs: { kind: 'geographic', epsg: CGCS2000_EPSG }, wgs84AsCgcs2000: false } };
    const zone = gkZoneOf(wkt);
    if (zone) return { ok: true, value: { crs: { kind: 'gaussKruger', epsg: gkEpsg(zone), zone }, wgs84AsCgcs2000: false } };
  }
  if (/^\s*(GEOGCS|GEOGCRS)\[/i.test(wkt) && /WGS[\s_]*(19)?84/i.test(wkt)) {
    return { ok: true, value: { crs: { kind: 'geographic', epsg: CGCS2000_EPSG }, wgs84AsCgcs2000: true } };
  }
  const what = { zh: '坐标系', en: 'coordinate system' };
  const name = /^\s*\w+\["([^"]*)"/.exec(wkt)?.[1] ?? wkt.slice(0, 40);
  return { ok: false, errors: [{ reason: UNSUPPORTED_CRS, message: MESSAGES[UNSUPPORTED_CRS]({ what, value: name }) }] };
}
