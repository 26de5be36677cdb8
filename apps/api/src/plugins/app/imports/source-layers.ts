import path from 'node:path';
import type { SourceLayer } from '@mpm/contracts';
import { ogrinfoJson } from '../transfer/gdal.ts';
import type { ImportSource } from './coordinate-table.ts';

/** What `ogrinfo -json -so` says of one layer. */
interface OgrLayerSummary {
  name: string;
  featureCount?: number;
  geometryFields?: { type?: string }[];
}

/**
 * The layers of a source that can hold several (a GeoPackage's tables, a File Geodatabase's
 * feature classes, a KML's folders, a workbook's sheets), each with its feature count and
 * geometry type, for the officer to choose from; empty for sources of one layer by nature.
 */
export async function sourceLayers(source: ImportSource): Promise<SourceLayer[]> {
  const workbook = source.kind === 'table' && path.extname(source.main).toLowerCase() === '.xlsx';
  if (!workbook && source.kind !== 'gpkg' && source.kind !== 'fileGdb' && source.kind !== 'kml') return [];
  // A sheet's first row holds its column names, as the import reads it.
  const info = (await ogrinfoJson(source.files, ['-so'], workbook ? ['HEADERS=FORCE'] : [])) as { layers?: OgrLayerSummary[] };
  return (info.layers ?? []).map((layer) => ({
    name: layer.name,
    featureCount: layer.featureCount ?? null,
    geometryType: layer.geometryFields?.[0]?.type ?? 'None',
  }));
}
