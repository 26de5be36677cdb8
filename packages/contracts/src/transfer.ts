import { Type, type Static } from 'typebox';

/** The file formats a layer exports to (数据导出). */
export const EXPORT_FORMATS = ['geojson', 'shp', 'gpkg', 'kml', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Text encodings of a shapefile's attributes: GBK (what Chinese desktop GIS reads) or UTF-8. */
export const SHAPEFILE_ENCODINGS = ['GBK', 'UTF-8'] as const;
export type ShapefileEncoding = (typeof SHAPEFILE_ENCODINGS)[number];

/**
 * `GET /api/layers/{id}/export`: the layer (or the part in `bbox`, EPSG:4490 lon/lat) in a
 * format, in CGCS2000 lon/lat (`EPSG:4490`, the default) or one of its Gauss–Krüger zones
 * (`EPSG:4491`–`EPSG:4554`); field names and values in `lang` (Chinese by default). Other query
 * parameters named after a field of the layer keep the features whose value equals them.
 */
export const LayerExportQuery = Type.Object(
  {
    format: Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f))),
    crs: Type.Optional(Type.String({ pattern: '^EPSG:\\d{4,5}$' })),
    encoding: Type.Optional(Type.Union(SHAPEFILE_ENCODINGS.map((e) => Type.Literal(e)))),
    bbox: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
  },
  { additionalProperties: Type.String({ maxLength: 200 }) },
);
export type LayerExportQuery = Static<typeof LayerExportQuery>;
