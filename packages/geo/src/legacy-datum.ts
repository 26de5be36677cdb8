import { centralMeridian, falseEasting, gkEpsg, gkZoneFromEpsg, type GkZone } from './gauss-kruger.ts';
import { gkZoneOf, LEGACY_NAMES, topLevelEpsg } from './source-crs.ts';
import type { LegacyDatum } from './messages.ts';
import type { Problem, Result } from './types.ts';

/** A Xi'an 1980 or Beijing 1954 CRS: geographic, or one of its Gauss–Krüger zones. */
export interface LegacyCrs {
  readonly datum: LegacyDatum;
  /** Its EPSG code (4610, 2327–2390, 4214, 2401–2442, 21413–21483). */
  readonly epsg: number;
  /** The zone, numbered as CGCS2000's; absent for geographic coordinates. */
  readonly zone?: GkZone;
}

/** The seven Bursa–Wolf parameters of a county's conversion to CGCS2000. */
export interface BursaWolf {
  readonly dxM: number;
  readonly dyM: number;
  readonly dzM: number;
  /** Rotations in arc-seconds. */
  readonly rxSec: number;
  readonly rySec: number;
  readonly rzSec: number;
  /** Scale difference in parts per million. */
  readonly scalePpm: number;
}

/**
 * How the rotations are signed: position vector (EPSG:9606, PROJ's `+towgs84`) or coordinate
 * frame (EPSG:9607, ArcGIS's "Coordinate_Frame"): the same numbers with opposite rotations.
 */
export type RotationConvention = 'positionVector' | 'coordinateFrame';

/** Ellipsoids of the legacy datums as PROJ names them: IAG 1975 (IAU76) and Krassowsky. */
const ELLIPSOIDS: Record<LegacyDatum, string> = { xian1980: '+ellps=IAU76', beijing1954: '+ellps=krass' };

/** First EPSG code of each legacy family and the CGCS2000 code it corresponds to (same zones in the same order). */
const FAMILIES: readonly (readonly [first: number, last: number, cgcs2000First: number, datum: LegacyDatum])[] = [
  [2327, 2337, 4491, 'xian1980'], // 6°, prefix
  [2338, 2348, 4502, 'xian1980'], // 6°, by CM
  [2349, 2369, 4513, 'xian1980'], // 3°, prefix
  [2370, 2390, 4534, 'xian1980'], // 3°, by CM
  [21413, 21423, 4491, 'beijing1954'],
  [21453, 21463, 4502, 'beijing1954'],
  [21473, 21483, 4502, 'beijing1954'], // deprecated duplicates of 21453–21463
  [2401, 2421, 4513, 'beijing1954'],
  [2422, 2442, 4534, 'beijing1954'],
];

/** The legacy CRS of an EPSG code, or undefined for any other code. */
export function legacyCrsFromEpsg(epsg: number): LegacyCrs | undefined {
  if (epsg === 4610) return { datum: 'xian1980', epsg };
  if (epsg === 4214) return { datum: 'beijing1954', epsg };
  const family = FAMILIES.find(([first, last]) => epsg >= first && epsg <= last);
  if (!family) return undefined;
  const zone = gkZoneFromEpsg(family[2] + (epsg - family[0]))!;
  return { datum: family[3], epsg, zone };
}

/** The EPSG code of a legacy datum's zone (or its geographic CRS without one). */
export function legacyEpsg(datum: LegacyDatum, zone?: GkZone): number {
  if (!zone) return datum === 'xian1980' ? 4610 : 4214;
  const code = gkEpsg(zone);
  const family = FAMILIES.find(([first, last, cgcs, d]) => d === datum && first !== 21473 && code >= cgcs && code <= cgcs + last - first)!;
  return family[0] + (code - family[2]);
}

/**
 * The legacy CRS a source's WKT (a `.prj`, GDAL's report) is in: Xi'an 1980 or Beijing 1954 by
 * name, its zone by EPSG code or by the projection's parameters. Undefined for any other WKT.
 */
export function legacyCrsFromWkt(wkt: string): LegacyCrs | undefined {
  const datum = LEGACY_NAMES.find(([pattern]) => pattern.test(wkt))?.[1];
  if (!datum) return undefined;
  const byCode = legacyCrsFromEpsg(topLevelEpsg(wkt) ?? 0);
  if (byCode?.datum === datum) return byCode;
  if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt)) return { datum, epsg: legacyEpsg(datum) };
  const zone = gkZoneOf(wkt);
  return zone ? { datum, epsg: legacyEpsg(datum, zone), zone } : { datum, epsg: Number.NaN };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads seven Bursa–Wolf parameters written `dx,dy,dz,rx,ry,rz,s` (metres, arc-seconds, ppm;
 * commas, semicolons or blanks between them).
 */
export function parseBursaWolf(written: string): Result<BursaWolf, Problem<'invalidBursaWolf'>> {
  const parts = written.trim().split(/[\s,;，；]+/).filter((p) => p !== '');
  if (parts.length !== 7 || !parts.every((p) => NUMBER.test(p))) {
    return {
      ok: false,
      errors: [
        {
          reason: 'invalidBursaWolf',
          message: {
            zh: `七参数须为 7 个数：dx,dy,dz（米）,rx,ry,rz（秒）,尺度（ppm），收到“${written}”`,
            en: `the seven parameters must be 7 numbers: dx,dy,dz (metres), rx,ry,rz (arc-seconds), scale (ppm); got "${written}"`,
          },
        },
      ],
    };
  }
  const [dxM, dyM, dzM, rxSec, rySec, rzSec, scalePpm] = parts.map(Number);
  return { ok: true, value: { dxM, dyM, dzM, rxSec, rySec, rzSec, scalePpm } };
}

/**
 * The PROJ definition of a legacy CRS with the county's seven parameters as `+towgs84` (PROJ's
 * position-vector convention; coordinate-frame rotations are negated). The parameters take the
 * legacy datum to CGCS2000, which PROJ's WGS84 hub stands for here (they differ by centimetres).
 */
export function legacyProj4(crs: LegacyCrs, p: BursaWolf, convention: RotationConvention = 'positionVector'): string {
  const sign = convention === 'coordinateFrame' ? -1 : 1;
  const towgs84 = [p.dxM, p.dyM, p.dzM, sign * p.rxSec, sign * p.rySec, sign * p.rzSec, p.scalePpm].map((v) => String(v + 0)).join(',');
  const base = crs.zone
    ? `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian(crs.zone)} +k=1 +x_0=${falseEasting(crs.zone)} +y_0=0 ${ELLIPSOIDS[crs.datum]} +units=m`
    : `+proj=longlat ${ELLIPSOIDS[crs.datum]}`;
  return `${base} +towgs84=${towgs84} +no_defs`;
}

/** CGCS2000 lon/lat as the other end of a `+towgs84` conversion (GRS80, no shift from the hub). */
export const CGCS2000_TOWGS84_PROJ4 = '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';
