import fs from 'node:fs/promises';
import path from 'node:path';
import {
  cornerPolygonsInZone,
  decodeCornerListBytes,
  detectDatum,
  parseCornerList,
  pointTableColumns,
  readPointTable,
  FEATURE_COLUMN_NAMES,
  LEGACY_DATUM,
  MISSING_ZONE_PREFIX,
  type CornerListError,
  type CornerPolygon,
  type GkZone,
  type LegacyCrs,
} from '@mpm/geo';
import type { ImportNotice } from '@mpm/contracts';
import { UserError, badRequest } from '../../../http/errors.ts';
import { ogr2ogr, ogrinfoJson } from '../transfer/gdal.ts';
import { findDataset, unpackZip, type SourceDataset } from './import-files.ts';
import { legacyRefused, statedTableZone, zoneSrs, type DatumChoices, type SourceSrs } from './source-datum.ts';

/** A corner-point list text (拐点坐标: plain table, registration text or exchange file), each block a feature. */
export interface CornerListDataset {
  kind: 'cornerList';
  main: string;
  files: string[];
  name: string;
}

/** Any source an import reads. */
export type ImportSource = SourceDataset | CornerListDataset;

/**
 * Points read from a table or a corner list, written out as GeoJSON in their Gauss–Krüger zone
 * (x = easting) for GDAL to take to CGCS2000 lon/lat like any other source.
 */
export interface ZonedSource {
  file: string;
  srs: SourceSrs;
  format: string;
  columns: string[];
  encoding: 'GBK' | 'UTF-8';
  encodingGuessed: boolean;
  notices: ImportNotice[];
}

/** How many of a table's or list's problems a refusal names. */
const PROBLEMS_NAMED = 5;

/** A 400 naming the first problems of a table or corner list, each on its row or line. */
function refused(name: string, errors: readonly CornerListError[]) {
  const named = errors.slice(0, PROBLEMS_NAMED);
  const more = errors.length - named.length;
  const noZone = errors.some((e) => e.reason === MISSING_ZONE_PREFIX);
  return badRequest(errors[0].reason, {
    zh:
      `“${name}”中的坐标有误：${named.map((e) => e.message.zh).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}。` +
      `${noZone ? 'Y 坐标不带带号时，请在 sourceCrs 中给出投影带，如 EPSG:4545（3 度带中央经线 108°）。' : ''}未写入任何数据。`,
    en:
      `The coordinates in "${name}" are wrong: ${named.map((e) => e.message.en).join('; ')}${more > 0 ? `; ${more} more` : ''}. ` +
      `${noZone ? 'When Y carries no zone prefix, name the zone in sourceCrs, e.g. EPSG:4545 (3° zone, central meridian 108°). ' : ''}Nothing was written.`,
  });
}

/** Writes features in their zone as GeoJSON (no CRS member: GDAL is told it). */
async function writeZoned(workDir: string, features: { properties: Record<string, string>; polygons: readonly CornerPolygon[] }[]) {
  const file = path.join(workDir, 'mpm-points.geojson');
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: cornerPolygonsInZone(f.polygons) })),
  };
  await fs.writeFile(file, JSON.stringify(collection));
  return file;
}

interface CsvLayer {
  name: string;
  geometryFields?: unknown[];
  fields?: { name: string }[];
}

/**
 * A point-per-row coordinate table (点号, X, Y in Gauss–Krüger metres, as surveyors write them),
 * already turned into a UTF-8 CSV: its rows grouped into features by the feature column
 * (`featureColumn`, else 地块编号, 编号, 图斑编号, 许可证号…), 圈号 making holes and parts, each
 * feature's attributes its first non-empty values. Undefined when the table is not one (it has
 * a WKT column, or no X and Y).
 */
export async function pointTableSource(
  csv: SourceDataset,
  choices: DatumChoices & { featureColumn?: string },
  workDir: string,
  openOptions: string[],
): Promise<ZonedSource | undefined> {
  const info = (await ogrinfoJson(csv.files, ['-so'], openOptions)) as { layers?: CsvLayer[] };
  const layer = info.layers?.[0];
  if (!layer || (layer.geometryFields?.length ?? 0) > 0) return undefined;
  const columns = (layer.fields ?? []).map((f) => f.name);
  const wanted = choices.featureColumn?.trim() || undefined;
  const roles = pointTableColumns(columns, wanted);
  if (!roles) return undefined;
  if (!roles.feature || !columns.includes(roles.feature)) {
    throw badRequest(wanted ? 'unknownFeatureColumn' : 'noFeatureColumn', {
      zh:
        `“${csv.name}”是逐点坐标表（点号、X、Y），但${wanted ? `没有“${wanted}”列` : '找不到区分地块的列'}；` +
        `请在 featureColumn 中给出哪一列是地块编号（常见列名：${FEATURE_COLUMN_NAMES.join('、')}；只有一个地块时也需要这样一列）。表中的列：${columns.join('、')}。未写入任何数据。`,
      en:
        `"${csv.name}" is a point table (点号, X, Y), but ${wanted ? `it has no column "${wanted}"` : 'no column tells its features apart'}; ` +
        `name the column that identifies each feature in featureColumn (usual names: ${FEATURE_COLUMN_NAMES.join(', ')}; a table of one feature needs one too). Its columns: ${columns.join(', ')}. Nothing was written.`,
    });
  }
  const [output] = await ogr2ogr(csv.files, ['-f', 'GeoJSON', layer.name], 'mpm-rows', openOptions);
  const rows = (JSON.parse(Buffer.from(output.bytes).toString('utf8')) as GeoJSON.FeatureCollection).features.map((f) => f.properties ?? {});
  const stated = statedTableZone(choices);
  const read = readPointTable(rows, { ...roles, feature: roles.feature }, columns, stated.zone);
  if (!read.ok) throw refused(csv.name, read.errors);
  const srs = zoneSrs(read.value.zone, stated.legacy, choices);
  return {
    file: await writeZoned(workDir, [...read.value.features]),
    srs,
    format: path.extname(csv.name).toLowerCase() === '.xlsx' ? 'XLSX' : 'CSV',
    columns: [...read.value.attributeColumns],
    encoding: csv.encoding ?? 'UTF-8',
    encodingGuessed: csv.encoding === 'GBK',
    notices: [...(read.value.swapped ? (['xySwapped'] as const) : []), ...srs.notices],
  };
}

/** Names of an exchange file's parcel header fields after 界址点数, in order. */
const EXCHANGE_ATTRIBUTES = ['地块面积', '地块编号', '地块名称', '记录图形属性', '图幅号', '地块用途', '地类编码'];

/** A corner polygon's attributes: its exchange-file fields or its elevation interval, and its block number. */
function cornerAttributes(polygon: CornerPolygon, index: number): Record<string, string> {
  const properties: Record<string, string> = { 块号: String(index + 1) };
  polygon.attributes?.forEach((value, i) => {
    if (value.trim() !== '') properties[EXCHANGE_ATTRIBUTES[i] ?? `属性${i + 1}`] = value.trim();
  });
  if (polygon.elevation) {
    properties['开采标高上限'] = polygon.elevation.top;
    properties['开采标高下限'] = polygon.elevation.bottom;
  }
  return properties;
}

/**
 * A corner list whose header names Xi'an 1980 or Beijing 1954 (`坐标系=1980西安坐标系`, a title,
 * `坐标系统=2`), read again without that statement when the officer gave the seven parameters:
 * the parser itself refuses every legacy list. Without them, the 400 that asks for them.
 */
function legacyCornerList(text: string, errors: readonly CornerListError[], choices: DatumChoices, zone: ReturnType<typeof statedTableZone>['zone']) {
  const line = errors.find((e) => e.reason === LEGACY_DATUM)?.line;
  if (line === undefined || errors.some((e) => e.reason !== LEGACY_DATUM)) return undefined;
  const lines = text.split(/\r?\n/);
  const datum = detectDatum(lines[line - 1]) ?? 'xian1980'; // 坐标系统=2 is Xi'an 1980 (the parser's reading)
  if (datum === 'cgcs2000') return undefined;
  if (!choices.datumParameters?.trim()) throw legacyRefused(datum);
  lines[line - 1] = /=/.test(lines[line - 1]) ? lines[line - 1].replace(/=.*$/, '=') : '';
  const legacy: LegacyCrs = { datum, epsg: Number.NaN };
  return { parsed: parseCornerList(lines.join('\n'), { zone }), legacy };
}

/**
 * A corner-point list text in any of the planner's three formats (GBK or UTF-8), each block a
 * feature; its zone from the points' prefix, the header or `sourceCrs`; Xi'an 1980 or Beijing
 * 1954 only with the seven parameters. Any problem the parser finds refuses the file with a 400
 * naming the first, each on its line.
 */
export async function cornerListSource(dataset: CornerListDataset, choices: DatumChoices, workDir: string): Promise<ZonedSource> {
  const decoded = decodeCornerListBytes(new Uint8Array(await fs.readFile(dataset.main)));
  const stated = statedTableZone(choices);
  let parsed = parseCornerList(decoded.text, { zone: stated.zone });
  if (!parsed.ok) {
    const legacy = legacyCornerList(decoded.text, parsed.errors, choices, stated.zone);
    if (legacy) [parsed, stated.legacy] = [legacy.parsed, legacy.legacy];
  }
  if (!parsed.ok) throw refused(dataset.name, parsed.errors);
  const polygons = parsed.value.polygons.map((polygon, i) => ({ properties: cornerAttributes(polygon, i), polygons: [polygon] }));
  const srs = zoneSrs(parsed.value.zone as GkZone, stated.legacy, choices);
  const columns = [...new Set(polygons.flatMap((p) => Object.keys(p.properties)))];
  return {
    file: await writeZoned(workDir, polygons),
    srs,
    format: { plainTable: '拐点坐标表', registration: '采矿权登记报盘', exchange: '勘测定界交换文件' }[parsed.value.format],
    columns,
    encoding: decoded.encoding === 'utf-8' ? 'UTF-8' : 'GBK',
    encodingGuessed: false,
    notices: srs.notices,
  };
}

/** Walks `dir` for files ending in `ext`. */
async function filesEnding(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && ext.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/**
 * The one dataset among the uploaded files in `dir`, as {@link findDataset} finds it, and also:
 * Ovital's `.ovkml`/`.ovkmz` (KML/KMZ in GCJ-02, the latter unpacked within the zip limits) read
 * as KML; a lone `.txt` as a corner-point
 * list. `gcj02` says the files were Ovital's GCJ-02 exports.
 */
export async function findSource(dir: string): Promise<{ source: ImportSource; gcj02: boolean }> {
  const zipped = await filesEnding(dir, /\.ovkmz$/i);
  for (const file of zipped) {
    await unpackZip(file, `${file.slice(0, -'.ovkmz'.length)}.kmz.d`);
    await fs.rm(file);
  }
  const ovital = await filesEnding(dir, /\.ovkml$/i);
  for (const file of ovital) await fs.rename(file, file.replace(/\.ovkml$/i, '.kml'));
  try {
    return { source: await findDataset(dir), gcj02: zipped.length + ovital.length > 0 };
  } catch (err) {
    const texts = err instanceof UserError && err.code === 'noDataset' ? await filesEnding(dir, /\.txt$/i) : [];
    if (texts.length !== 1) throw err;
    const name = path.basename(texts[0]);
    return { source: { kind: 'cornerList', main: texts[0], files: texts, name }, gcj02: false };
  }
}
