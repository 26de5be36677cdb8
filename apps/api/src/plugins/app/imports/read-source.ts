import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeCornerListBytes, shapefileEncoding, type SourceEncoding } from '@mpm/geo';
import type { ImportNotice } from '@mpm/contracts';
import { badRequest, UserError } from '../../../http/errors.ts';
import { ogr2ogr, ogrinfoJson } from '../transfer/gdal.ts';
import { readDxf, type DxfRead } from './dxf-source.ts';
import { cornerListSource, pointTableSource, type ImportSource, type ZonedSource } from './coordinate-table.ts';
import type { SourceDataset } from './import-files.ts';
import { fromSourceDatum, sourceSrs, type DatumChoices, type SourceSrs } from './source-datum.ts';

/** What the officer may say about the source beside the file (and its datum: {@link DatumChoices}). */
export interface SourceChoices extends DatumChoices {
  encoding?: SourceEncoding;
  /** The layer to read when the file holds several (a GeoPackage). */
  sourceLayer?: string;
  /** Whether the target layer holds polygons: a DXF's closed polylines and hatches are then read as polygons. */
  polygons?: boolean;
  /** A point table's column that tells its features apart (地块编号…), when not one of the usual names. */
  featureColumn?: string;
  /** Whether the files were Ovital's `.ovkml`/`.ovkmz`: GCJ-02 unless `sourceDatum` says otherwise. */
  ovital?: boolean;
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
  /** What was done to the coordinates besides projecting them, for the preview to say. */
  notices: ImportNotice[];
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

/** Runs GDAL's ogr2ogr from the source CRS to CGCS2000 lon/lat in two dimensions, as GeoJSON features. */
async function toCgcs2000(files: string[], layer: string, srs: SourceSrs, openOptions: string[], extra: string[], workDir: string) {
  const args = ['-f', 'GeoJSON', '-s_srs', srs.srs, '-t_srs', srs.targetSrs, '-dim', 'XY', ...extra];
  args.push('-lco', 'COORDINATE_PRECISION=9', '-lco', 'RFC7946=NO', layer);
  const [output] = await ogr2ogr(files, args, path.basename(workDir), openOptions);
  const collection = JSON.parse(Buffer.from(output.bytes).toString('utf8')) as GeoJSON.FeatureCollection;
  return collection.features.map((f) => ({ geometry: f.geometry, properties: f.properties ?? {} }));
}

/** Points read from a table or a corner list, taken from their zone to CGCS2000 by GDAL. */
async function readZoned(zoned: ZonedSource, choices: SourceChoices, workDir: string): Promise<SourceRead> {
  const features = await toCgcs2000([zoned.file], 'mpm-points', zoned.srs, [], [], workDir);
  fromSourceDatum(features, choices, zoned.srs.epsg, 'wgs84');
  return {
    format: zoned.format,
    sourceLayer: '',
    encoding: zoned.encoding,
    encodingGuessed: zoned.encodingGuessed,
    epsg: zoned.srs.epsg,
    wgs84AsCgcs2000: false,
    droppedZ: false,
    notices: zoned.notices,
    geometryType: features.some((f) => f.geometry?.type === 'MultiPolygon') ? 'MultiPolygon' : 'Polygon',
    columns: zoned.columns,
    features,
  };
}

/** A drawing's entities, shaped and set right in their zone ({@link readDxf}), taken to CGCS2000 by GDAL. */
async function readDrawing(dxf: DxfRead, workDir: string): Promise<SourceRead> {
  const features = await toCgcs2000([dxf.file], dxf.layer, dxf.srs, [], [], workDir);
  const types = [...new Set(features.map((f) => f.geometry?.type ?? 'None'))];
  return {
    format: 'DXF',
    sourceLayer: '',
    encoding: null,
    encodingGuessed: false,
    epsg: dxf.srs.epsg,
    wgs84AsCgcs2000: dxf.srs.wgs84AsCgcs2000,
    droppedZ: false,
    notices: [...dxf.srs.notices, ...dxf.notices],
    geometryType: types.length === 1 ? types[0] : 'Mixed',
    columns: dxf.columns,
    features,
  };
}

/**
 * Reads a dataset through GDAL: picks its layer, its encoding and its CRS (refusing what cannot
 * be read without a guess; Xi'an 1980 and Beijing 1954 only with the county's seven
 * parameters), and converts its features to EPSG:4490 lon/lat in two dimensions (GCJ-02 back to
 * WGS84 when the source is in it). A coordinate table is read as one row per point (点号, X, Y)
 * or one row per feature (WKT); a corner-point list text each block a feature.
 */
export async function readSource(dataset: ImportSource, choices: SourceChoices, workDir: string): Promise<SourceRead> {
  if (dataset.kind === 'cornerList') return readZoned(await cornerListSource(dataset, choices, workDir), choices, workDir);
  if (dataset.kind === 'table') {
    const csv = await tableAsCsv(dataset, choices, workDir);
    const points = await pointTableSource(csv, choices, workDir, CSV_OPEN_OPTIONS);
    return points ? readZoned(points, choices, workDir) : readSource(csv, choices, workDir);
  }
  if (dataset.kind === 'dxf') return readDrawing(await readDxf(dataset, choices, workDir), workDir);
  const table = dataset.kind === 'csv';
  const { encoding, guessed } = table ? { encoding: dataset.encoding ?? null, guessed: dataset.encoding === 'GBK' } : await encodingOf(dataset, choices);
  const openOptions = table ? CSV_OPEN_OPTIONS : encoding ? [`ENCODING=${encoding}`] : [];
  const info = (await ogrinfoJson(dataset.files, ['-so'], openOptions)) as { driverShortName: string; layers: OgrLayerInfo[] };
  const layer = chosenLayer(info.layers ?? [], table ? undefined : choices.sourceLayer);
  const geometryField = layer.geometryFields?.[0];
  // GDAL opens a shapefile whose .shp is damaged as its .dbf alone: a table with no geometry.
  if (!geometryField && !table) {
    throw new UserError(422, 'sourceUnreadable', {
      zh: `“${dataset.name}”中读不到任何几何图形（图层“${layer.name}”只有属性）：文件可能已损坏或不完整（如 .shp 只复制了一部分）；请检查后重新导出。未写入任何数据。`,
      en: `No geometry can be read from "${dataset.name}" (layer "${layer.name}" holds attributes only): the file may be damaged or incomplete (a .shp copied in part, say); check it and export it again. Nothing was written.`,
    });
  }
  const srs = sourceSrs(choices, geometryField?.coordinateSystem?.wkt, dataset.name);
  const geometryType = geometryField?.type ?? 'None';
  const features = await toCgcs2000(dataset.files, layer.name, srs, openOptions, [], workDir);
  const gcj02 = fromSourceDatum(features, choices, srs.epsg, choices.ovital ? 'gcj02' : 'wgs84');
  return {
    format: dataset.kind === 'csv' && path.extname(dataset.name).toLowerCase() === '.xlsx' ? 'XLSX' : info.driverShortName,
    sourceLayer: layer.name,
    encoding,
    encodingGuessed: guessed,
    epsg: srs.epsg,
    wgs84AsCgcs2000: srs.wgs84AsCgcs2000,
    droppedZ: /3D|Measured/.test(geometryType),
    notices: [...srs.notices, ...gcj02],
    geometryType,
    columns: (layer.fields ?? []).map((field) => field.name),
    features,
  };
}
