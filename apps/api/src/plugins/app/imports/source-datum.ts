import gcoord from 'gcoord';
import {
  CGCS2000_EPSG,
  CGCS2000_TOWGS84_PROJ4,
  DATUM_NAMES,
  gkEpsg,
  legacyCrsFromEpsg,
  legacyCrsFromWkt,
  legacyEpsg,
  legacyProj4,
  parseBursaWolf,
  resolveCrs,
  sourceCrs,
  type GkZone,
  type LegacyCrs,
  type LegacyDatum,
  type StatedZone,
} from '@mpm/geo';
import { ROTATION_CONVENTIONS, SOURCE_DATUMS, type ImportNotice, type RotationConvention, type SourceDatum } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';

/** What the officer says about the source's datum beside the file (form fields, as sent). */
export interface DatumChoices {
  /** `EPSG:4524`: the source CRS when the file has none (DXF, tables) or says it wrongly. */
  sourceCrs?: string;
  /** `wgs84` (the default, taken as CGCS2000) or `gcj02` (Ovital 9.3+, Amap): lon/lat sources only. */
  sourceDatum?: string;
  /** The county's seven Bursa–Wolf parameters `dx,dy,dz,rx,ry,rz,s` (m, ″, ppm) from Xi'an 1980 or Beijing 1954 to CGCS2000. */
  datumParameters?: string;
  /** `positionVector` (the default, PROJ's `+towgs84`) or `coordinateFrame`. */
  datumRotation?: string;
}

/** The source CRS as GDAL takes it, with its EPSG code and what the preview says about it. */
export interface SourceSrs {
  epsg: number;
  /** `-s_srs`: `EPSG:n`, or a PROJ definition with the county's `+towgs84`. */
  srs: string;
  /** `-t_srs`: EPSG:4490, or CGCS2000 as the other end of a `+towgs84` shift. */
  targetSrs: string;
  wgs84AsCgcs2000: boolean;
  notices: ImportNotice[];
}

const crsProblem = (reason: string, message: { zh: string; en: string }) =>
  badRequest(reason, {
    zh: `源数据${message.zh}；请确认坐标系，必要时在 sourceCrs 中给出 EPSG 代码（如 EPSG:4524）。未写入任何数据。`,
    en: `The source data: ${message.en}. Check its coordinate system, and name it in sourceCrs (e.g. EPSG:4524) if needed. Nothing was written.`,
  });

/** Xi'an 1980 or Beijing 1954 without the county's parameters: what GDAL would do, and what to send. */
export const legacyRefused = (datum: LegacyDatum) =>
  badRequest('legacyDatum', {
    zh:
      `源数据为${DATUM_NAMES[datum].zh}。不做基准转换直接换算（GDAL 的默认做法，只换椭球）会偏差数十至上百米，因此不予导入。` +
      '请在 datumParameters 中给出本县由该坐标系到 2000 国家大地坐标系的七参数（布尔莎模型）：dx,dy,dz（米）,rx,ry,rz（秒）,尺度（ppm），' +
      '旋转按位置矢量约定（PROJ 的 +towgs84）；若为坐标框架约定（如 ArcGIS 的 Coordinate_Frame），另设 datumRotation=coordinateFrame。' +
      '或者导入已转换为 2000 国家大地坐标系的数据。未写入任何数据。',
    en:
      `The source is in ${DATUM_NAMES[datum].en}. Converted without a datum shift (GDAL's default: the ellipsoid alone) it would be off by tens to over a hundred metres, so it is refused. ` +
      "Give the county's seven parameters (Bursa–Wolf) from that datum to CGCS2000 in datumParameters: dx,dy,dz (metres), rx,ry,rz (arc-seconds), scale (ppm), " +
      "rotations in the position-vector convention (PROJ's +towgs84); for the coordinate-frame convention (ArcGIS's Coordinate_Frame) also set datumRotation=coordinateFrame. " +
      'Or import data already converted to CGCS2000. Nothing was written.',
  });

/** A form field that must be one of `allowed`, or absent. */
function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!allowed.includes(value.trim() as T)) {
    throw badRequest('invalidImportField', {
      zh: `${name} 须为 ${allowed.join('、')} 之一，收到“${value}”。`,
      en: `${name} must be one of ${allowed.join(', ')}; got "${value}".`,
    });
  }
  return value.trim() as T;
}

/** The PROJ definition of a legacy CRS with the officer's parameters, or the 400 asking for them. */
function shifted(legacy: LegacyCrs, choices: DatumChoices): SourceSrs {
  if (choices.datumParameters === undefined || choices.datumParameters.trim() === '') throw legacyRefused(legacy.datum);
  const parameters = parseBursaWolf(choices.datumParameters);
  if (!parameters.ok) {
    const { zh, en } = parameters.errors[0].message;
    throw badRequest('invalidBursaWolf', { zh: `datumParameters：${zh}。未写入任何数据。`, en: `datumParameters: ${en}. Nothing was written.` });
  }
  if (Number.isNaN(legacy.epsg)) throw crsProblem('unsupportedCrs', { zh: `${DATUM_NAMES[legacy.datum].zh}的投影无法识别`, en: `its ${DATUM_NAMES[legacy.datum].en} projection is not one known` });
  const rotation: RotationConvention = oneOf('datumRotation', choices.datumRotation, ROTATION_CONVENTIONS) ?? 'positionVector';
  return {
    epsg: legacy.epsg,
    srs: legacyProj4(legacy, parameters.value, rotation),
    targetSrs: CGCS2000_TOWGS84_PROJ4,
    wgs84AsCgcs2000: false,
    notices: ['datumShifted'],
  };
}

const epsgSrs = (epsg: number, wgs84AsCgcs2000 = false): SourceSrs => ({
  epsg,
  srs: `EPSG:${epsg}`,
  targetSrs: `EPSG:${CGCS2000_EPSG}`,
  wgs84AsCgcs2000,
  notices: [],
});

/** The officer's `sourceCrs` as a CGCS2000 CRS or a legacy one, or a 400 for a code not known. */
function namedCrs(named: string) {
  const code = /^EPSG:(\d{4,5})$/i.exec(named.trim());
  const legacy = code ? legacyCrsFromEpsg(Number(code[1])) : undefined;
  if (legacy) return { legacy };
  const resolved = code ? resolveCrs(Number(code[1])) : undefined;
  if (!resolved) throw crsProblem('unsupportedCrs', { zh: `坐标系“${named}”无法识别`, en: `unknown coordinate system "${named}"` });
  if (!resolved.ok) throw crsProblem(resolved.errors[0].reason, resolved.errors[0].message);
  return { crs: resolved.value };
}

/**
 * The CRS a source is read in: the officer's `sourceCrs`, else the file's own WKT (never
 * guessed). Xi'an 1980 and Beijing 1954 are converted with the county's seven parameters, and
 * refused with a 400 that asks for them when they are not given.
 */
export function sourceSrs(choices: DatumChoices, wkt: string | undefined, datasetName: string): SourceSrs {
  if (choices.sourceCrs !== undefined && choices.sourceCrs.trim() !== '') {
    const named = namedCrs(choices.sourceCrs);
    return named.legacy ? shifted(named.legacy, choices) : epsgSrs(named.crs.epsg);
  }
  if (!wkt) {
    throw badRequest('noSourceCrs', {
      zh: `“${datasetName}”没有坐标系信息（DXF 测绘文件和 Excel/CSV 坐标表都不带坐标系）；请在 sourceCrs 中给出其坐标系，如 3 度带第 36 带 EPSG:4524。未写入任何数据。`,
      en: `"${datasetName}" carries no coordinate system (DXF survey files and Excel/CSV tables do not); name it in sourceCrs, e.g. EPSG:4524 for 3° zone 36. Nothing was written.`,
    });
  }
  const legacy = legacyCrsFromWkt(wkt);
  if (legacy) return shifted(legacy, choices);
  const found = sourceCrs(wkt);
  if (!found.ok) throw crsProblem(found.errors[0].reason, found.errors[0].message);
  return epsgSrs(found.value.crs.epsg, found.value.wgs84AsCgcs2000);
}

/**
 * The zone a coordinate table's `sourceCrs` states (its points' Y prefix must agree), and the
 * legacy datum it is in, if one: a lon/lat `sourceCrs` is refused for a table of X and Y.
 */
export function statedTableZone(choices: DatumChoices): { zone?: StatedZone; legacy?: LegacyCrs } {
  if (choices.sourceCrs === undefined || choices.sourceCrs.trim() === '') return {};
  const named = namedCrs(choices.sourceCrs);
  const zone = named.legacy ? named.legacy.zone : named.crs.kind === 'gaussKruger' ? named.crs.zone : undefined;
  if (!zone) {
    throw badRequest('tableNeedsGkZone', {
      zh: `坐标表的 X、Y 是高斯-克吕格平面坐标，而 sourceCrs“${choices.sourceCrs}”是经纬度坐标系；请给出其投影带，如 EPSG:4524。未写入任何数据。`,
      en: `A table's X and Y are Gauss–Krüger metres, but sourceCrs "${choices.sourceCrs}" is a lon/lat system; name its zone, e.g. EPSG:4524. Nothing was written.`,
    });
  }
  return { zone: { zone: zone.zone, widthDeg: zone.widthDeg }, legacy: named.legacy };
}

/** The source CRS of a table's or corner list's points once their zone is settled (prefix or none). */
export function zoneSrs(zone: GkZone, legacy: LegacyCrs | undefined, choices: DatumChoices): SourceSrs {
  return legacy ? shifted({ datum: legacy.datum, epsg: legacyEpsg(legacy.datum, zone), zone }, choices) : epsgSrs(gkEpsg(zone));
}

/**
 * Takes GCJ-02 lon/lat (Ovital 9.3+ exports, Amap) back to WGS84 per vertex with gcoord, when
 * the officer says (or the `.ovkml`/`.ovkmz` name says) the source is GCJ-02. Refused for a
 * projected source: GCJ-02 exists only as lon/lat. Returns the notice to show, if any.
 */
export function fromSourceDatum(
  features: { geometry: GeoJSON.Geometry | null }[],
  choices: DatumChoices,
  epsg: number,
  defaultDatum: SourceDatum,
): ImportNotice[] {
  const datum = oneOf('sourceDatum', choices.sourceDatum, SOURCE_DATUMS) ?? defaultDatum;
  if (datum === 'wgs84') return [];
  if (epsg !== CGCS2000_EPSG) {
    throw badRequest('gcj02NotGeographic', {
      zh: `sourceDatum=gcj02 只适用于经纬度数据（KML/KMZ、奥维导出），而源数据为 EPSG:${epsg} 平面坐标。未写入任何数据。`,
      en: `sourceDatum=gcj02 applies to lon/lat data (KML/KMZ, Ovital exports) only, and the source is in EPSG:${epsg}. Nothing was written.`,
    });
  }
  for (const feature of features) if (feature.geometry) gcoord.transform(feature.geometry as never, gcoord.GCJ02, gcoord.WGS84);
  return ['gcj02ToWgs84'];
}
