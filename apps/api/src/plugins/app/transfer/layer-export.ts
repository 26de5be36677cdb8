import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { CGCS2000_EPSG, resolveCrs } from '@mpm/geo';
import { term, type CollectionId, type Language } from '@mpm/domain';
import type { ExportFormat, ShapefileEncoding } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import type { LayerFeature } from '../layers/layers-repository.ts';
import { exportColumns, exportValue, type ExportColumn } from './export-columns.ts';
import { ogr2ogr } from './gdal.ts';

/** What an export asks for, checked. */
export interface ExportRequest {
  layer: CollectionId;
  format: ExportFormat;
  /** EPSG code of the output: 4490, or a CGCS2000 Gauss–Krüger zone. */
  epsg: number;
  encoding: ShapefileEncoding;
  lang: Language;
}

/** An exported file, ready to send. */
export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  /** `采矿权.zip`; `asciiName` (`mining_rights.zip`) for clients that cannot read UTF-8 names. */
  name: string;
  asciiName: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each format: its file extension, media type and the `ogr2ogr` driver arguments. */
const FORMATS: Record<ExportFormat, { extension: string; contentType: string; driver: (r: ExportRequest) => string[] }> = {
  geojson: {
    extension: 'geojson',
    contentType: 'application/geo+json',
    driver: (r) => ['-f', 'GeoJSON', '-lco', `COORDINATE_PRECISION=${r.epsg === CGCS2000_EPSG ? 9 : 3}`],
  },
  shp: {
    extension: 'zip',
    contentType: 'application/zip',
    driver: (r) => ['-f', 'ESRI Shapefile', '-lco', `ENCODING=${r.encoding}`],
  },
  gpkg: { extension: 'gpkg', contentType: 'application/geopackage+sqlite3', driver: () => ['-f', 'GPKG'] },
  kml: { extension: 'kml', contentType: 'application/vnd.google-earth.kml+xml', driver: () => ['-f', 'KML'] },
  csv: {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    driver: () => ['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT', '-lco', 'WRITE_BOM=YES'],
  },
  xlsx: { extension: 'xlsx', contentType: XLSX, driver: () => ['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT'] },
};

/**
 * The output CRS an export may name: CGCS2000 lon/lat or one of its Gauss–Krüger zones; KML is
 * lon/lat by definition. Throws a 400 naming what is wrong.
 */
export function exportEpsg(raw: string | undefined, format: ExportFormat): number {
  if (raw === undefined) return CGCS2000_EPSG;
  const resolved = resolveCrs(Number(raw.slice('EPSG:'.length)));
  if (!resolved.ok) throw badRequest(resolved.errors[0].reason, resolved.errors[0].message);
  if (format === 'kml' && resolved.value.epsg !== CGCS2000_EPSG) {
    throw badRequest('kmlIsLonLat', {
      zh: 'KML 只能采用经纬度坐标（EPSG:4490），不能导出为高斯–克吕格投影坐标；请改选其他格式。',
      en: 'KML holds longitude/latitude only (EPSG:4490), not Gauss–Krüger coordinates; choose another format.',
    });
  }
  return resolved.value.epsg;
}

/** The features as GeoJSON whose properties are the export's columns and values. */
const exportCollection = (features: LayerFeature[], columns: ExportColumn[], lang: Language) => ({
  type: 'FeatureCollection',
  features: features.map((feature) => ({
    type: 'Feature',
    geometry: feature.geometry,
    properties: Object.fromEntries(columns.map(({ field, name }) => [name, exportValue(field, feature.properties[field.key], lang)])),
  })),
});

/** A workbook of GDAL's CSV (the geometry as WKT in its first column), one row per feature. */
async function workbookFromCsv(csv: Uint8Array, sheetName: string): Promise<Buffer> {
  const parsed = Papa.parse<string[]>(Buffer.from(csv).toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const { default: ExcelJS } = await import('exceljs'); // loaded on first use (about a second)
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of parsed.data) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Writes a layer's features (as the caller may see them) in the requested format and CRS, through
 * GDAL: a shapefile as a zip with its `.prj` and `.cpg`, field names and values in `lang`.
 */
export async function exportLayer(request: ExportRequest, features: LayerFeature[], fields: ExportColumn['field'][]): Promise<ExportFile> {
  const format = FORMATS[request.format];
  const columns = exportColumns(fields, request.lang, request.format === 'shp' ? { encoding: request.encoding } : undefined);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mpm-export-'));
  try {
    const input = path.join(dir, `${request.layer}.geojson`);
    await fs.writeFile(input, JSON.stringify(exportCollection(features, columns, request.lang)));
    const args = ['-s_srs', `EPSG:${CGCS2000_EPSG}`, '-t_srs', `EPSG:${request.epsg}`, '-nln', request.layer, ...format.driver(request)];
    const outputs = await ogr2ogr(input, args, request.layer);
    let bytes: Buffer;
    if (request.format === 'shp') {
      const zip = new JSZip();
      for (const output of outputs) zip.file(output.name, output.bytes);
      bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    } else if (request.format === 'xlsx') {
      // Excel refuses a sheet named with []:*?/\ or longer than 31 characters.
      bytes = await workbookFromCsv(outputs[0].bytes, term(request.layer, request.lang).replace(/[[\]:*?/\\]/g, '、').slice(0, 31));
    } else {
      bytes = Buffer.from(outputs[0].bytes);
    }
    const base = `${term(request.layer, request.lang)}${request.epsg === CGCS2000_EPSG ? '' : `-EPSG${request.epsg}`}`;
    return {
      bytes,
      contentType: format.contentType,
      name: `${base}.${format.extension}`,
      asciiName: `${request.layer}${request.epsg === CGCS2000_EPSG ? '' : `-EPSG${request.epsg}`}.${format.extension}`,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
