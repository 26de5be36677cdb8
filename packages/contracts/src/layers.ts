import { Type, type Static } from 'typebox';
import { SettingBaseVersion, SettingVersion } from './versions.ts';

/** [minLon, minLat, maxLon, maxLat] in EPSG:4490 (≈ WGS84 at map scale). */
export const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);

/** One layer the caller may see; titles, fields and colours come from the shared catalogue. */
export const LayerSummary = Type.Object({
  id: Type.String(),
  isPublic: Type.Boolean(),
  bounds: Type.Union([BBox, Type.Null()]),
  tilejson: Type.String(),
  ogc: Type.String(),
  /** How many features the layer holds now (0 before anything is imported). */
  featureCount: Type.Integer({ minimum: 0 }),
  /** Fields the county keeps from the public (beyond the catalogue's staff-only fields, which are never public). */
  hiddenFields: Type.Optional(Type.Array(Type.String())),
  /** Fields anonymous callers get: the catalogue's, less staff-only and hidden ones. */
  publicFields: Type.Optional(Type.Array(Type.String())),
  /** Staff only: the version of the layer's publication setting, who saved it and when. */
  version: Type.Optional(SettingVersion.properties.version),
  updatedAt: SettingVersion.properties.updatedAt,
  updatedBy: SettingVersion.properties.updatedBy,
});
export type LayerSummary = Static<typeof LayerSummary>;

/**
 * The one vector tile source holding every layer listed (`GET /tiles/{z}/{x}/{y}.mvt`, a
 * source-layer per collection id): the absolute XYZ template, with the listed layers' combined
 * data revision as `v` (a write to any of them changes it), the zooms served and the box of the
 * listed layers' features (null when none has any).
 */
export const CombinedTiles = Type.Object({
  url: Type.String(),
  minzoom: Type.Integer({ minimum: 0 }),
  maxzoom: Type.Integer({ minimum: 0 }),
  bounds: Type.Union([BBox, Type.Null()]),
});
export type CombinedTiles = Static<typeof CombinedTiles>;

export const LayersResponse = Type.Object({ layers: Type.Array(LayerSummary), tiles: CombinedTiles });
export type LayersResponse = Static<typeof LayersResponse>;

/**
 * `PUT /api/layers/:id` (admin, audited): whether anonymous callers see the layer, and which of its
 * fields they do not get (field keys of the catalogue; replaces the list). At least one of them,
 * and the version of the layer's setting they were based on.
 */
export const LayerSettingsBody = Type.Object(
  {
    baseVersion: SettingBaseVersion,
    isPublic: Type.Optional(Type.Boolean()),
    hiddenFields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LayerSettingsBody = Static<typeof LayerSettingsBody>;

/**
 * The county the product serves (县情): its name, its six-digit administrative code and the 3°
 * Gauss–Krüger zone its surveys use (25–45, central meridian 3 × zone). Set by an admin when the
 * product starts empty; until then derived from the county boundary, when one is loaded.
 */
export const CountyProfile = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    adminCode: Type.String({ maxLength: 12 }),
    gkZone: Type.Integer(),
  },
  { additionalProperties: false },
);
export type CountyProfile = Static<typeof CountyProfile>;

/** `PUT /api/settings/county`: the profile, and the version it was based on (0 while none is stored). */
export const CountyProfileBody = Type.Object({ ...CountyProfile.properties, baseVersion: SettingBaseVersion }, { additionalProperties: false });
export type CountyProfileBody = Static<typeof CountyProfileBody>;

/**
 * `GET`/`PUT /api/settings/county`: the county's profile, whether an admin set it (else derived,
 * or null), and the stored profile's version (who saved it and when for staff).
 */
export const CountyProfileResponse = Type.Object({
  county: Type.Union([CountyProfile, Type.Null()]),
  stored: Type.Boolean(),
  ...SettingVersion.properties,
});
export type CountyProfileResponse = Static<typeof CountyProfileResponse>;

/** What the web app needs to know at start. */
export const ClientConfig = Type.Object({
  /** County extent for the initial view. */
  bounds: Type.Union([BBox, Type.Null()]),
  /** The county served; null until an admin sets it up (or a boundary is loaded). */
  county: Type.Union([CountyProfile, Type.Null()]),
  /** The version of the stored profile (0 while none is), what a change to it sends as `baseVersion`. */
  countyVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  /** 天地图 key; present only when the bureau configured one. */
  tiandituKey: Type.Union([Type.String(), Type.Null()]),
  /** The county's minimum block area (m²): the live check refuses a smaller block in the server's words. */
  minBlockAreaM2: Type.Number({ minimum: 0 }),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});
export type ClientConfig = Static<typeof ClientConfig>;

/**
 * The query of `GET /tiles/{id}.json` and of its tiles: `asOf`, a right layer as it stood at the
 * end of that day (China time; today or later is the register as it stands); `v`, the data
 * revision the TileJSON wrote into the tiles' URL (ignored: it only keeps browser caches apart).
 */
export const TileQuery = Type.Object({
  asOf: Type.Optional(Type.String({ format: 'date' })),
  v: Type.Optional(Type.String({ maxLength: 40 })),
});
export type TileQuery = Static<typeof TileQuery>;

/**
 * Query of `GET /tiles/{z}/{x}/{y}.mvt`, every layer in one tile: `v`, the combined data revision
 * `/api/layers` wrote into the template (ignored: it only keeps browser caches apart).
 */
export const CombinedTileQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 40 })) });
export type CombinedTileQuery = Static<typeof CombinedTileQuery>;
