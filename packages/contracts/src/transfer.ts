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
    format: Type.Enum(EXPORT_FORMATS),
    crs: Type.Optional(Type.String({ pattern: '^EPSG:\\d{4,5}$' })),
    encoding: Type.Optional(Type.Enum(SHAPEFILE_ENCODINGS)),
    bbox: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
  },
  { additionalProperties: Type.String({ maxLength: 200 }) },
);
export type LayerExportQuery = Static<typeof LayerExportQuery>;

/** The three corner-point list (拐点坐标) texts the planner reads: a plain table, registration text, an exchange file. */
export const CORNER_LIST_FORMATS = ['plainTable', 'registration', 'exchange'] as const;
export type CornerListExportFormat = (typeof CORNER_LIST_FORMATS)[number];

/**
 * `GET /api/layers/{id}/features/{featureId}/corner-list` and `GET /api/proposals/{id}/corner-list`:
 * a right's, a block's or a proposal's boundary as a corner-point list in `format`, in the
 * Gauss–Krüger `zone` (3° 25–45 or 6° 13–23; by default the zone a proposal's list was given in,
 * else the county's, else the 3° zone of its centre), its text in GBK (registration and exchange
 * by default, as their software reads them) or UTF-8 (the plain table's default). `version` picks
 * a proposal's version (the latest by default); `lang` the file name's language.
 */
export const CornerListExportQuery = Type.Object(
  {
    format: Type.Enum(CORNER_LIST_FORMATS),
    zone: Type.Optional(Type.Integer({ minimum: 13, maximum: 45 })),
    encoding: Type.Optional(Type.Enum(SHAPEFILE_ENCODINGS)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    /** The language of the file's name (the request's by default). */
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type CornerListExportQuery = Static<typeof CornerListExportQuery>;

/** How an import meets the layer: replace it whole, or add features and update those with the same key. */
export const IMPORT_MODES = ['replace', 'upsert'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** The datum of a geographic source's lon/lat: WGS84 (taken as CGCS2000) or GCJ-02 (奥维 Ovital 9.3+, Amap), converted. */
export const SOURCE_DATUMS = ['wgs84', 'gcj02'] as const;
export type SourceDatum = (typeof SOURCE_DATUMS)[number];

/** How seven Bursa–Wolf parameters sign their rotations: position vector (EPSG:9606, PROJ) or coordinate frame (EPSG:9607). */
export const ROTATION_CONVENTIONS = ['positionVector', 'coordinateFrame'] as const;
export type RotationConvention = (typeof ROTATION_CONVENTIONS)[number];

/**
 * What an import did to the source's coordinates besides projecting them, said in the preview:
 * X and Y read swapped, GCJ-02 converted to WGS84, a legacy datum shifted with the county's
 * seven parameters.
 */
export const IMPORT_NOTICES = ['xySwapped', 'gcj02ToWgs84', 'datumShifted', 'dxfPointsSkipped'] as const;
export type ImportNotice = (typeof IMPORT_NOTICES)[number];

/** A problem an import found, with the feature it is about (its index in the file, from 0) when it is one. */
export const ImportProblem = Type.Object({
  feature: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.String(),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

/** One layer of a source that holds several (a GeoPackage's tables, a File Geodatabase's feature classes, a KML's folders, a workbook's sheets). */
export const SourceLayer = Type.Object({
  name: Type.String(),
  featureCount: Type.Union([Type.Integer(), Type.Null()]),
  /** GDAL's geometry type (`Multi Polygon`, `Point`…), `None` for a table. */
  geometryType: Type.String(),
});
export type SourceLayer = Static<typeof SourceLayer>;

/** What `POST /api/imports` read from the file, before anything is written. */
export const ImportPreview = Type.Object({
  id: Type.String(),
  layer: Type.String(),
  fileName: Type.String(),
  fileSizeBytes: Type.Integer(),
  /** GDAL's driver: `ESRI Shapefile`, `GPKG`, `GeoJSON`, `KML`… */
  format: Type.String(),
  /** The layer read when the file holds several. */
  sourceLayer: Type.String(),
  /** The file's layers when it can hold several, to choose from (re-sent as `sourceLayer`); empty otherwise. */
  sourceLayers: Type.Array(SourceLayer),
  encoding: Type.Union([Type.Enum(SHAPEFILE_ENCODINGS), Type.Null()]),
  /** Whether the encoding was guessed from the bytes: the officer confirms it on the sample's Chinese text. */
  encodingGuessed: Type.Boolean(),
  /** The source CRS as an EPSG code (`EPSG:4524`). */
  crs: Type.String(),
  wgs84AsCgcs2000: Type.Boolean(),
  /** Whether heights or measures were dropped (stored geometry is 2-D). */
  droppedZ: Type.Boolean(),
  /** What was done to the coordinates besides projecting them (X/Y swapped, GCJ-02, a datum shift). */
  notices: Type.Optional(Type.Array(Type.Enum(IMPORT_NOTICES))),
  geometryType: Type.String(),
  featureCount: Type.Integer(),
  /** Source column → the layer's field it fills, or null. */
  mapping: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
  /** Whether `mapping` is the one saved when this layer last took a file with these columns (none was sent). */
  mappingSaved: Type.Boolean(),
  mode: Type.Enum(IMPORT_MODES),
  /** The field features are matched on in `upsert` (and kept by in `replace`), when the layer has one. */
  key: Type.Union([Type.String(), Type.Null()]),
  /** The first features as they will be stored: the layer's fields, and the area on the ellipsoid. */
  sample: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
  /** What committing would do to the layer. */
  counts: Type.Object({ added: Type.Integer(), changed: Type.Integer(), removed: Type.Integer() }),
  problems: Type.Array(ImportProblem),
  /** False while any problem stands: a commit is refused. */
  committable: Type.Boolean(),
});
export type ImportPreview = Static<typeof ImportPreview>;

/** One revision of a layer: an import or a restore, by whom and when, with what it changed. */
export const LayerRevision = Type.Object({
  revision: Type.Integer(),
  kind: Type.Enum(['import', 'restore', 'edit']),
  by: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  fileSizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  fileSha256: Type.Union([Type.String(), Type.Null()]),
  mode: Type.Union([Type.String(), Type.Null()]),
  restoredRevision: Type.Union([Type.Integer(), Type.Null()]),
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  /** For an edit in the web (`kind` edit): the feature, what was done to it, and its name. */
  edit: Type.Optional(
    Type.Union([
      Type.Object({
        featureId: Type.Integer(),
        action: Type.Enum(['add', 'change', 'delete']),
        /** What a change changed: its attributes, its boundary, or both. */
        parts: Type.Array(Type.Enum(['attributes', 'geometry'])),
        name: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
  ),
});
export type LayerRevision = Static<typeof LayerRevision>;

export const LayerRevisionsResponse = Type.Object({ revisions: Type.Array(LayerRevision) });
export type LayerRevisionsResponse = Static<typeof LayerRevisionsResponse>;
