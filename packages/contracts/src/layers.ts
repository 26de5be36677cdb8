import { Type, type Static } from 'typebox';

/** [minLon, minLat, maxLon, maxLat] in EPSG:4490 (≈ WGS84 at map scale). */
export const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);

/** One layer the caller may see; titles, fields and colours come from the shared catalogue. */
export const LayerSummary = Type.Object({
  id: Type.String(),
  isPublic: Type.Boolean(),
  bounds: Type.Union([BBox, Type.Null()]),
  tilejson: Type.String(),
  ogc: Type.String(),
  /** Fields the county keeps from the public (beyond the catalogue's staff-only fields, which are never public). */
  hiddenFields: Type.Optional(Type.Array(Type.String())),
  /** Fields anonymous callers get: the catalogue's, less staff-only and hidden ones. */
  publicFields: Type.Optional(Type.Array(Type.String())),
});
export type LayerSummary = Static<typeof LayerSummary>;

export const LayersResponse = Type.Object({ layers: Type.Array(LayerSummary) });
export type LayersResponse = Static<typeof LayersResponse>;

/**
 * `PUT /api/layers/:id` (admin, audited): whether anonymous callers see the layer, and which of its
 * fields they do not get (field keys of the catalogue; replaces the list). At least one member.
 */
export const LayerSettingsBody = Type.Object(
  {
    isPublic: Type.Optional(Type.Boolean()),
    hiddenFields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LayerSettingsBody = Static<typeof LayerSettingsBody>;

/** What the web app needs to know at start. */
export const ClientConfig = Type.Object({
  /** County extent for the initial view. */
  bounds: Type.Union([BBox, Type.Null()]),
  /** 天地图 key; present only when the bureau configured one. */
  tiandituKey: Type.Union([Type.String(), Type.Null()]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});
export type ClientConfig = Static<typeof ClientConfig>;
