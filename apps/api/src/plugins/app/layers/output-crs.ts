import { CGCS2000_EPSG, gkEpsg, resolveCrs } from '@mpm/geo';
import { badRequest } from '../../../http/errors.ts';
import type { BBox } from './layers-repository.ts';

/** OGC's lon/lat CRS: the default of OGC API – Features, and what GeoJSON means. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** The URI of an EPSG code, as OGC API – Features Part 2 names CRSs. */
export const epsgUri = (epsg: number) => `http://www.opengis.net/def/crs/EPSG/0/${epsg}`;

/**
 * A CRS the OGC API serves: CRS84 (`epsg` null: lon/lat as stored), or an EPSG code whose
 * authority axis order applies — latitude first for EPSG:4490, northing first for its
 * Gauss–Krüger zones (EPSG:4491–4554).
 */
export interface OutputCrs {
  uri: string;
  epsg: number | null;
}

/**
 * The CRSs a collection is offered in: CRS84, CGCS2000 (EPSG:4490, its storage CRS) and the
 * county's 3° Gauss–Krüger zone (`gkZone`, from its profile) with and without its prefix.
 */
export function offeredCrs(gkZone: number | undefined): string[] {
  const offered = [CRS84, epsgUri(CGCS2000_EPSG)];
  if (gkZone === undefined) return offered;
  const zone = { widthDeg: 3, zone: gkZone } as const;
  offered.push(epsgUri(gkEpsg({ ...zone, prefixed: true })), epsgUri(gkEpsg({ ...zone, prefixed: false })));
  return offered;
}

const URI = /^(?:https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/|\[?EPSG:)(\d{4,5})\]?$/i;

/**
 * Reads a `crs` or `bbox-crs` parameter: CRS84, or an EPSG URI (or `[EPSG:n]`) of CGCS2000 or one
 * of its Gauss–Krüger zones; anything else is a 400 naming what is offered.
 */
export function parseOutputCrs(raw: string | undefined, name: 'crs' | 'bbox-crs'): OutputCrs {
  if (raw === undefined || raw === CRS84 || /^\[?OGC:CRS84\]?$/i.test(raw)) return { uri: CRS84, epsg: null };
  const code = URI.exec(raw.trim());
  const resolved = code ? resolveCrs(Number(code[1])) : undefined;
  if (!resolved?.ok) {
    const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
    throw badRequest('unsupportedCrs', {
      zh: `${name} 不支持“${shown}”：可用 ${CRS84}、${epsgUri(CGCS2000_EPSG)}，或 2000 国家大地坐标系高斯–克吕格投影（EPSG:4491–4554）。`,
      en: `${name} "${shown}" is not offered: use ${CRS84}, ${epsgUri(CGCS2000_EPSG)} or a CGCS2000 Gauss–Krüger zone (EPSG:4491–4554).`,
    });
  }
  return { uri: epsgUri(resolved.value.epsg), epsg: resolved.value.epsg };
}

/**
 * A `bbox` in `crs`'s own axis order as the envelope the database filters by: CRS84 as it is;
 * EPSG:4490 swapped to lon/lat; a Gauss–Krüger zone as eastings and northings in that zone.
 */
export function envelopeOf(bbox: BBox, crs: OutputCrs): { box: BBox; epsg: number } {
  if (crs.epsg === null) return { box: bbox, epsg: CGCS2000_EPSG };
  const [a, b, c, d] = bbox;
  return { box: [b, a, d, c], epsg: crs.epsg };
}
