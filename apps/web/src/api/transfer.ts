import type {
  ExportFormat,
  ImportMode,
  ImportPreview,
  LayerRevision,
  LayerRevisionsResponse,
  RotationConvention,
  ShapefileEncoding,
  SourceDatum,
} from '@mpm/contracts';
import type { CollectionId, Language } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';
import { queryString, request, requestUpload, type UploadProgress } from './client.ts';

/** What an import sends beside its files; absent members are left to the server to detect. */
export interface ImportRequest {
  layer: CollectionId;
  /** One file (a zip, a GeoPackage…) or a shapefile's loose parts. */
  files: readonly File[];
  mode?: ImportMode;
  encoding?: ShapefileEncoding;
  /** `EPSG:4524` and the like, for files that do not say (DXF) or say wrong. */
  sourceCrs?: string;
  sourceLayer?: string;
  /** A point table's column that tells its features apart, when not one of the usual names. */
  featureColumn?: string;
  /** The datum of a KML's lon/lat: `wgs84` or `gcj02` (Ovital 9.3+). */
  sourceDatum?: SourceDatum;
  /** Xi'an 1980 / Beijing 1954: the county's seven parameters `dx,dy,dz,rx,ry,rz,s`, and how they rotate. */
  datumParameters?: string;
  datumRotation?: RotationConvention;
  /** Source column → layer field key (null: not imported); only the columns the officer changed. */
  mapping?: Record<string, string | null>;
}

/** What an export asks for: the format, the CRS (`EPSG:4490` or a Gauss–Krüger zone) and, for shapefiles, the encoding. */
export interface ExportRequest {
  format: ExportFormat;
  crs: string;
  encoding: ShapefileEncoding;
}

/** The multipart form of an import, as `POST /api/imports` reads it. */
function importForm(body: ImportRequest): FormData {
  const form = new FormData();
  // Text fields first: the server reads them while the files stream in.
  form.append('layer', body.layer);
  if (body.mode) form.append('mode', body.mode);
  if (body.encoding) form.append('encoding', body.encoding);
  if (body.sourceCrs) form.append('sourceCrs', body.sourceCrs);
  if (body.sourceLayer) form.append('sourceLayer', body.sourceLayer);
  for (const name of ['featureColumn', 'sourceDatum', 'datumParameters', 'datumRotation'] as const) if (body[name]) form.append(name, body[name]);
  if (body.mapping && Object.keys(body.mapping).length > 0) form.append('mapping', JSON.stringify(body.mapping));
  for (const file of body.files) form.append('file', file, file.name);
  return form;
}

/**
 * Where layer `id` downloads from in the chosen format and CRS, with field names and values in
 * `lang` (the session cookie goes along, so staff get what the OGC API shows them).
 */
export const layerExportUrl = (id: CollectionId, choice: ExportRequest, lang: Language): string =>
  `/api/layers/${id}/export${queryString({
    format: choice.format,
    crs: choice.format === 'kml' ? undefined : choice.crs,
    encoding: choice.format === 'shp' ? choice.encoding : undefined,
    lang,
  })}`;

/** Data import and layer history (admins): preview a file, commit it, list and restore revisions. */
export const transferApi = {
  /** Uploads the files and answers the preview; nothing is written to the layer. */
  preview: (body: ImportRequest, lang: UiLanguage, onProgress?: (progress: UploadProgress) => void) =>
    requestUpload<ImportPreview>('/api/imports', lang, importForm(body), onProgress),
  commit: (id: string, lang: UiLanguage) =>
    request<LayerRevision>(`/api/imports/${encodeURIComponent(id)}/commit`, lang, { method: 'POST' }),
  revisions: (layer: CollectionId, lang: UiLanguage) => request<LayerRevisionsResponse>(`/api/layers/${layer}/revisions`, lang),
  restore: (layer: CollectionId, revision: number, lang: UiLanguage) =>
    request<LayerRevision>(`/api/layers/${layer}/revisions/${revision}/restore`, lang, { method: 'POST' }),
};
