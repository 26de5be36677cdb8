import fs from 'node:fs/promises';
import path from 'node:path';
import { CGCS2000_EPSG, resolveCrs, shapefileEncoding, sourceCrs, type SourceEncoding } from '@mpm/geo';
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
      zh: `“${dataset.name}”没有坐标系信息（DXF 等测绘文件不带坐标系）；请在 sourceCrs 中给出其坐标系，如 3 度带第 36 带 EPSG:4524。未写入任何数据。`,
      en: `"${dataset.name}" carries no coordinate system (DXF and other survey files do not); name it in sourceCrs, e.g. EPSG:4524 for 3° zone 36. Nothing was written.`,
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

/**
 * Reads a dataset through GDAL: picks its layer, its encoding and its CRS (refusing what cannot
 * be read without a guess), and converts its features to EPSG:4490 lon/lat in two dimensions.
 */
export async function readSource(dataset: SourceDataset, choices: SourceChoices, workDir: string): Promise<SourceRead> {
  const { encoding, guessed } = await encodingOf(dataset, choices);
  const openOptions = encoding ? [`ENCODING=${encoding}`] : [];
  const info = (await ogrinfoJson(dataset.files, ['-so'], openOptions)) as { driverShortName: string; layers: OgrLayerInfo[] };
  const layers = info.layers ?? [];
  const layer = choices.sourceLayer === undefined ? layers[0] : layers.find((l) => l.name === choices.sourceLayer);
  if (!layer || (choices.sourceLayer === undefined && layers.length > 1)) {
    const names = layers.map((l) => l.name).join('、');
    throw badRequest('chooseSourceLayer', {
      zh: `文件中有多个图层（${names}），请在 sourceLayer 中选择要导入的一个。`,
      en: `The file holds several layers (${names}); choose the one to import in sourceLayer.`,
    });
  }
  const geometryField = layer.geometryFields?.[0];
  const { epsg, wgs84AsCgcs2000 } = sourceEpsg(choices, geometryField?.coordinateSystem?.wkt, dataset);
  const geometryType = geometryField?.type ?? 'None';
  const args = ['-f', 'GeoJSON', '-s_srs', `EPSG:${epsg}`, '-t_srs', `EPSG:${CGCS2000_EPSG}`, '-dim', 'XY'];
  if (dataset.kind === 'dxf' && choices.polygons) args.push('-nlt', 'MULTIPOLYGON');
  args.push('-lco', 'COORDINATE_PRECISION=9', '-lco', 'RFC7946=NO', layer.name);
  const [output] = await ogr2ogr(dataset.files, args, path.basename(workDir), openOptions);
  const collection = JSON.parse(Buffer.from(output.bytes).toString('utf8')) as GeoJSON.FeatureCollection;
  return {
    format: info.driverShortName,
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
