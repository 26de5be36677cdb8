import fs from 'node:fs/promises';
import path from 'node:path';
import { CGCS2000_EPSG, decodeCornerListBytes, resolveCrs, shapefileEncoding, sourceCrs, type SourceEncoding } from '@mpm/geo';
import { badRequest } from '../../../http/errors.ts';
import { ogr2ogr, ogrinfoJson } from '../transfer/gdal.ts';
import type { SourceDataset } from './import-files.ts';

/** What the officer may say about the source beside the file. */
export interface SourceChoices {
  encoding?: SourceEncoding;
  /** `EPSG:4524`: the source CRS when the file has none (DXF) or says it wrongly. */
  sourceCrs?: string;
  /** The layer to read when the file holds several (a GeoPackage). */
  sourceLayer?: string;
  /** Whether the target layer holds polygons: a DXF's closed polylines are then read as polygons. */
  polygons?: boolean;
}

/** A source dataset as read: features in EPSG:4490 lon/lat with their own attributes, and what was found out. */
export interface SourceRead {
  format: string;
  sourceLayer: string;
  encoding: SourceEncoding | null;
  encodingGuessed: boolean;
  epsg: number;
  wgs84AsCgcs2000: boolean;
  droppedZ: boolean;
  geometryType: string;
  columns: string[];
  features: { geometry: GeoJSON.Geometry | null; properties: Record<string, unknown> }[];
}

interface OgrLayerInfo {
  name: string;
  featureCount?: number;
  geometryFields?: { type?: string; coordinateSystem?: { wkt?: string } }[];
  fields?: { name: string }[];
}

const crsProblem = (reason: string, message: { zh: string; en: string }) =>
  badRequest(reason, {
    zh: `源数据${message.zh}；请确认坐标系，必要时在 sourceCrs 中给出 EPSG 代码（如 EPSG:4524）。未写入任何数据。`,
    en: `The source data: ${message.en}. Check its coordinate system, and name it in sourceCrs (e.g. EPSG:4524) if needed. Nothing was written.`,
  });

/** The EPSG code the source is read in: the officer's, else the file's own (never guessed). */
function sourceEpsg(choices: SourceChoices, wkt: string | undefined, dataset: SourceDataset) {
  if (choices.sourceCrs !== undefined) {
    const code = /^EPSG:(\d{4,5})$/i.exec(choices.sourceCrs.trim());
    const resolved = code ? resolveCrs(Number(code[1])) : undefined;
    if (!resolved) throw crsProblem('unsupportedCrs', { zh: `坐标系“${choices.sourceCrs}”无法识别`, en: `unknown coordinate system "${choices.sourceCrs}"` });
    if (!resolved.ok) throw crsProblem(resolved.errors[0].reason, resolved.errors[0].message);
    return { epsg: resolved.value.epsg, wgs84AsCgcs2000: false };
  }
  if (!wkt) {
    throw badRequest('noSourceCrs', {
      zh: `“${dataset.name}”没有坐标系信息（DXF 测绘文件和 Excel/CSV 坐标表都不带坐标系）；请在 sourceCrs 中给出其坐标系，如 3 度带第 36 带 EPSG:4524。未写入任何数据。`,
      en: `"${dataset.name}" carries no coordinate system (DXF survey files and Excel/CSV tables do not); name it in sourceCrs, e.g. EPSG:4524 for 3° zone 36. Nothing was written.`,
    });
  }
  const found = sourceCrs(wkt);
  if (!found.ok) throw crsProblem(found.errors[0].reason, found.errors[0].message);
  return { epsg: found.value.crs.epsg, wgs84AsCgcs2000: found.value.wgs84AsCgcs2000 };
}

/** The shapefile's encoding: the officer's, else its `.cpg`, its DBF's language byte or a guess. */
async function encodingOf(dataset: SourceDataset, choices: SourceChoices) {
  if (dataset.kind !== 'shapefile') return { encoding: null, guessed: false };
  if (choices.encoding) return { encoding: choices.encoding, guessed: false };
  const dbf = dataset.files.find((file) => path.extname(file).toLowerCase() === '.dbf')!;
  const cpg = dataset.files.find((file) => path.extname(file).toLowerCase() === '.cpg');
  const detected = shapefileEncoding(new Uint8Array(await fs.readFile(dbf)), cpg ? await fs.readFile(cpg, 'utf8') : undefined);
  return { encoding: detected.encoding, guessed: detected.needsConfirmation };
}

/** How GDAL reads a coordinate table: the geometry from a WKT column, every other column as text. */
const CSV_OPEN_OPTIONS = ['GEOM_POSSIBLE_NAMES=WKT,wkt,geometry,geom,几何', 'KEEP_GEOM_COLUMNS=NO'];

/** The layer to read: the one named, or the only one; several without a choice is a 400 listing them. */
function chosenLayer(layers: OgrLayerInfo[], wanted: string | undefined): OgrLayerInfo {
  const layer = wanted === undefined ? layers[0] : layers.find((l) => l.name === wanted);
  if (!layer || (wanted === undefined && layers.length > 1)) {
    const names = layers.map((l) => l.name).join('、');
    throw badRequest('chooseSourceLayer', {
      zh: `文件中有多个图层（${names}），请在 sourceLayer 中选择要导入的一个。`,
      en: `The file holds several layers (${names}); choose the one to import in sourceLayer.`,
    });
  }
  return layer;
}

/**
 * A spreadsheet or CSV coordinate table (one row per feature, its geometry as WKT) as a UTF-8
 * CSV GDAL reads: a workbook's chosen sheet through GDAL; a CSV's text in UTF-8, or GBK as Excel
 * on Chinese Windows saves it (then flagged for the officer to confirm).
 */
async function tableAsCsv(dataset: SourceDataset, choices: SourceChoices, workDir: string): Promise<SourceDataset> {
  const target = path.join(workDir, 'mpm-table.csv');
  let bytes: Uint8Array;
  if (path.extname(dataset.main).toLowerCase() === '.xlsx') {
    // The first row holds the column names, even when they look like data (all text).
    const info = (await ogrinfoJson(dataset.files, ['-so'], ['HEADERS=FORCE'])) as { layers: OgrLayerInfo[] };
    const sheet = chosenLayer(info.layers ?? [], choices.sourceLayer);
    [{ bytes }] = await ogr2ogr(dataset.files, ['-f', 'CSV', sheet.name], 'mpm-table', ['HEADERS=FORCE']);
  } else bytes = await fs.readFile(dataset.main);
  const decoded = decodeCornerListBytes(new Uint8Array(bytes));
  const encoding = choices.encoding ?? (decoded.encoding === 'utf-8' ? 'UTF-8' : 'GBK');
  const text = choices.encoding ? new TextDecoder(choices.encoding === 'GBK' ? 'gb18030' : 'utf-8').decode(bytes) : decoded.text;
  await fs.writeFile(target, text.replace(/^\uFEFF/, ''));
  return { ...dataset, kind: 'csv', main: target, files: [target], encoding };
}

/**
 * Reads a dataset through GDAL: picks its layer, its encoding and its CRS (refusing what cannot
 * be read without a guess), and converts its features to EPSG:4490 lon/lat in two dimensions.
 */
export async function readSource(dataset: SourceDataset, choices: SourceChoices, workDir: string): Promise<SourceRead> {
  if (dataset.kind === 'table') return readSource(await tableAsCsv(dataset, choices, workDir), choices, workDir);
  const table = dataset.kind === 'csv';
  const { encoding, guessed } = table ? { encoding: dataset.encoding ?? null, guessed: dataset.encoding === 'GBK' } : await encodingOf(dataset, choices);
  const openOptions = table ? CSV_OPEN_OPTIONS : encoding ? [`ENCODING=${encoding}`] : [];
  const info = (await ogrinfoJson(dataset.files, ['-so'], openOptions)) as { driverShortName: string; layers: OgrLayerInfo[] };
  const layer = chosenLayer(info.layers ?? [], table ? undefined : choices.sourceLayer);
  const geometryField = layer.geometryFields?.[0];
  const { epsg, wgs84AsCgcs2000 } = sourceEpsg(choices, geometryField?.coordinateSystem?.wkt, dataset);
  const geometryType = geometryField?.type ?? 'None';
  const args = ['-f', 'GeoJSON', '-s_srs', `EPSG:${epsg}`, '-t_srs', `EPSG:${CGCS2000_EPSG}`, '-dim', 'XY'];
  if (dataset.kind === 'dxf' && choices.polygons) args.push('-nlt', 'MULTIPOLYGON');
  args.push('-lco', 'COORDINATE_PRECISION=9', '-lco', 'RFC7946=NO', layer.name);
  const [output] = await ogr2ogr(dataset.files, args, path.basename(workDir), openOptions);
  const collection = JSON.parse(Buffer.from(output.bytes).toString('utf8')) as GeoJSON.FeatureCollection;
  return {
    format: dataset.kind === 'csv' && path.extname(dataset.name).toLowerCase() === '.xlsx' ? 'XLSX' : info.driverShortName,
    sourceLayer: layer.name,
    encoding,
    encodingGuessed: guessed,
    epsg,
    wgs84AsCgcs2000,
    droppedZ: /3D|Measured/.test(geometryType),
    geometryType,
    columns: (layer.fields ?? []).map((field) => field.name),
    features: collection.features.map((f) => ({ geometry: f.geometry, properties: f.properties ?? {} })),
  };
}
