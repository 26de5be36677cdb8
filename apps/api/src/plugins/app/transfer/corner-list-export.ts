import {
  areaReport,
  cornerListFromGeoJson,
  ellipsoidalAreaM2,
  formatCornerList,
  isValidZone,
  zoneForLongitude,
  type CornerList,
  type GkZone,
} from '@mpm/geo';
import type { Bilingual, Language } from '@mpm/domain';
import type { CornerListExportFormat, ShapefileEncoding } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import { encodeGbk } from './gbk.ts';

/** What a boundary is exported as: its name in the file's name and, in an exchange file, its parcel header. */
export interface CornerListSubject {
  /** What it is: 采矿权, 拟设采矿权…, for the file's name. */
  kind: Bilingual;
  /** Its number (licence number, code, proposal id), or empty. */
  code: string;
  /** Its name (mine, holder, proposal), or empty. */
  name: string;
  /** For the file's ASCII name: `mining_rights-12`, `proposal-3-v2`. */
  asciiStem: string;
}

/** A written corner list, ready to send. */
export interface CornerListFile {
  bytes: Buffer;
  contentType: string;
  /** The download's name, in the reader's language. */
  name: string;
  /** The same without non-ASCII characters, for older clients. */
  asciiName: string;
}

/** The formats' names, as the software that reads them calls them. */
const FORMAT_NAMES: Record<CornerListExportFormat, Bilingual> = {
  plainTable: { zh: '拐点坐标表', en: 'corner table' },
  registration: { zh: '登记报盘格式', en: 'registration format' },
  exchange: { zh: '坐标交换格式', en: 'exchange format' },
};

/**
 * The encoding a format's text is written in when none is asked for: registration and exchange
 * files are GBK, as the registration and land-use software reads them; a plain table is UTF-8.
 */
export const defaultCornerListEncoding = (format: CornerListExportFormat): ShapefileEncoding =>
  format === 'plainTable' ? 'UTF-8' : 'GBK';

/** Characters Windows refuses in a file name, and the exchange format's field separator. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|\r\n\t]/g;
const fieldText = (text: string) => text.replace(/[,，@\r\n]/g, ' ').trim();

/** The centre longitude of a polygon's outer rings' box. */
function centreLongitude(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
  const lons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flatMap((p) => p[0].map((c) => c[0]));
  return (Math.min(...lons) + Math.max(...lons)) / 2;
}

/**
 * The Gauss–Krüger zone to write in: the one asked for (3° zones 25–45, 6° zones 13–23), else
 * `fallback` (a proposal's own, the county's), else the 3° zone of the boundary's centre;
 * eastings prefixed.
 */
export function exportZone(
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon,
  asked: number | undefined,
  fallback?: number | null,
): GkZone {
  const zone = asked ?? fallback ?? undefined;
  if (zone === undefined) {
    const found = zoneForLongitude(centreLongitude(geometry), 3, true);
    if (!found.ok) throw badRequest(found.errors[0].reason, found.errors[0].message);
    return found.value;
  }
  const widthDeg = zone <= 23 ? 6 : 3;
  if (!isValidZone(widthDeg, zone)) {
    throw badRequest('invalidZone', {
      zh: `带号须为 3° 分带 25–45 或 6° 分带 13–23，收到 ${zone}。`,
      en: `The zone must be a 3° zone 25–45 or a 6° zone 13–23; got ${zone}.`,
    });
  }
  return { widthDeg, zone, prefixed: true };
}

/** Each block's exchange-file header fields: the ellipsoidal area in hectares, the subject's number and name, `面`. */
function withParcelHeaders(list: CornerList, subject: CornerListSubject): CornerList {
  const polygons = list.geometry.type === 'Polygon' ? [list.geometry.coordinates] : list.geometry.coordinates;
  return {
    ...list,
    polygons: list.polygons.map((polygon, i) => {
      const areaHa = areaReport(ellipsoidalAreaM2({ type: 'Polygon', coordinates: polygons[i] })).areaHa.toFixed(4);
      const code = fieldText(subject.code) || String(i + 1);
      const suffix = list.polygons.length > 1 ? `-${i + 1}` : '';
      return { ...polygon, attributes: [areaHa, `${code}${suffix}`, fieldText(subject.name), '面', '', '', ''] };
    }),
  };
}

/**
 * Writes a polygon boundary (EPSG:4490) as a corner-point list in `format` and `zone`, coordinates
 * to 2 decimals as registered, outer rings clockwise, in `encoding`. A boundary the checks refuse
 * (or a hole in the registration format, which has none) is a 400 naming why; a character GBK
 * cannot hold is a 400 asking for UTF-8.
 */
export function cornerListFile(
  geometry: GeoJSON.Geometry,
  options: { format: CornerListExportFormat; zone: GkZone; encoding: ShapefileEncoding; subject: CornerListSubject; lang: Language },
): CornerListFile {
  const { format, zone, encoding, subject, lang } = options;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw badRequest('notAPolygon', { zh: '只有面要素才能导出界址点坐标。', en: 'Only a polygon has corner points to export.' });
  }
  // Made as a list of no format of its own (no header lines), each writer gives it its standard header.
  const list = cornerListFromGeoJson(geometry, zone, { labelPrefix: format === 'exchange' ? 'J' : '' });
  if (!list.ok) throw badRequest(list.errors[0].reason, list.errors[0].message);
  const text = formatCornerList(format === 'exchange' ? withParcelHeaders(list.value, subject) : list.value, format);
  if (!text.ok) throw badRequest(text.errors[0].reason, text.errors[0].message);
  // Windows line ends: the registration and land-use software runs on Windows (the parser reads either).
  const body = text.value.replace(/\n/g, '\r\n');
  let bytes: Buffer;
  if (encoding === 'GBK') {
    const encoded = encodeGbk(body);
    if (!encoded.ok) {
      throw badRequest('notEncodableInGbk', {
        zh: `“${encoded.character}”无法用 GBK 编码表示；请改用 encoding=UTF-8 导出。`,
        en: `"${encoded.character}" cannot be written in GBK; export with encoding=UTF-8 instead.`,
      });
    }
    bytes = encoded.bytes;
  } else bytes = Buffer.from(body, 'utf8');
  const label = [subject.kind[lang], subject.code, subject.name].filter((part) => part.trim() !== '').join('-');
  const corner = lang === 'zh' ? '拐点坐标' : 'corner points';
  return {
    bytes,
    contentType: `text/plain; charset=${encoding === 'GBK' ? 'GBK' : 'utf-8'}`,
    name: `${label}-${corner}-${FORMAT_NAMES[format][lang]}.txt`.replace(UNSAFE_IN_NAME, '_'),
    asciiName: `${subject.asciiStem}-corner-list-${format}.txt`.replace(/[^\w.-]/g, '_'),
  };
}
