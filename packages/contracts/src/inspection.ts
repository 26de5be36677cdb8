import { Type, type Static } from 'typebox';
import { LEDGER_STATUSES, LICENCE_STATES, PATCH_CLASSES, VIOLATION_TYPES } from '@mpm/domain';
import { CollectionId, Finding, Mineral } from './check.ts';
import { SettingBaseVersion, SettingVersion } from './versions.ts';
import { ElevationSurveyView } from './depth.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });

/**
 * A site as GeoJSON Point, Polygon or MultiPolygon in EPSG:4490 lon/lat. Validated in code, so
 * every problem gets a message naming its place.
 */
export const SiteGeometry = Type.Unsafe<GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon>({
  description: 'GeoJSON Point, Polygon or MultiPolygon, EPSG:4490 [lon, lat]',
});

/** `POST /api/site-check` (staff): the site, and the mineral if the inspector knows what is mined there. */
export const SiteCheckBody = Type.Object({ geometry: SiteGeometry, mineral: Type.Optional(Mineral) }, strict);
export type SiteCheckBody = Static<typeof SiteCheckBody>;

export const LicenceState = Type.Enum(LICENCE_STATES);
export const PatchClass = Type.Enum(PATCH_CLASSES);

/** A zone the site lies in (or overlaps, for a polygon). */
export const SiteZone = Type.Object({
  collection: CollectionId,
  featureId: Type.Integer(),
  name: Type.String(),
  /** The zone's class as a glossary key, where the layer has one (e.g. `prohibitedMining`). */
  classKey: Type.Optional(Type.String()),
  /** For a polygon site: the overlap, ellipsoidal. */
  overlapAreaM2: Type.Optional(Type.Number()),
});
export type SiteZone = Static<typeof SiteZone>;

/** The nearest road, railway or river and whether the site is inside its buffer. */
export const SiteDistance = Type.Object({
  collection: Type.Enum(['roads', 'railways', 'rivers']),
  featureId: Type.Integer(),
  name: Type.String(),
  roadClass: Type.Optional(Type.String()),
  distanceM: Type.Number(),
  bufferM: Type.Number(),
  insideBuffer: Type.Boolean(),
});
export type SiteDistance = Static<typeof SiteDistance>;

/** A mining or exploration right, as the licence register and the site card show it. */
export const RightView = Type.Object({
  collection: Type.Enum(['mining_rights', 'exploration_rights']),
  featureId: Type.Integer(),
  licenceNo: Type.String(),
  /** Mine name for a mining right; null for an exploration right. */
  mineName: Type.Union([Type.String(), Type.Null()]),
  holder: Type.String(),
  mineral: Mineral,
  validFrom: IsoDate,
  validTo: IsoDate,
  state: LicenceState,
  /** Days from today (China time) to `validTo`; negative once expired. */
  daysLeft: Type.Integer(),
  /** [minLon, minLat, maxLon, maxLat], to fly the map to it. */
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  /** The licensed elevation range (开采标高, m); null for an exploration right or where none is registered. */
  elevationTopM: Type.Union([Type.Number(), Type.Null()]),
  elevationBottomM: Type.Union([Type.Number(), Type.Null()]),
  /** The latest verified year whose output exceeded the licensed capacity (超能力开采); null when none. */
  overCapacityYear: Type.Union([Type.Integer(), Type.Null()]),
});
export type RightView = Static<typeof RightView>;

/** Metres around the site within which the site card lists change patches and ledger entries. */
export const SITE_RECORDS_WITHIN_M = 50;
/** Most change patches, and most ledger entries, a site card lists (the nearest). */
export const SITE_RECORDS_LIMIT = 20;

/** A change patch at or near the site, classified as the patch table classifies it. */
export const SitePatch = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  detectionRound: Type.String(),
  classification: PatchClass,
  areaM2: Type.Number(),
  /** Ellipsoidal distance from the site, metres; 0 when the patch contains (meets) it. */
  distanceM: Type.Number(),
  /** [minLon, minLat, maxLon, maxLat], to show it on the map. */
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  ledgerEntryId: Type.Union([Type.Integer(), Type.Null()]),
});
export type SitePatch = Static<typeof SitePatch>;

/** A problem-ledger entry at or near the site; its number is its id. */
export const SiteLedgerEntry = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  violationType: Type.Union([Type.Enum(VIOLATION_TYPES), Type.Null()]),
  status: Type.Enum(LEDGER_STATUSES),
  /** Ellipsoidal distance from the site, metres; 0 when the entry's site meets it. */
  distanceM: Type.Number(),
});
export type SiteLedgerEntry = Static<typeof SiteLedgerEntry>;

/** `POST /api/site-check` answer: the site card. */
export const SiteCardResponse = Type.Object({
  geometry: SiteGeometry,
  /** The point, or the polygon's point on surface, lon/lat. */
  centre: Type.Tuple([Type.Number(), Type.Number()]),
  areaM2: Type.Union([Type.Number(), Type.Null()]),
  township: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  zones: Type.Array(SiteZone),
  nearest: Type.Array(SiteDistance),
  /** Rights covering (or, for a polygon, overlapping) the site. */
  rights: Type.Array(RightView),
  findings: Type.Array(Finding),
  /** Elevation surveys recorded on the mining rights at the site, newest first (超层越界 flagged). */
  surveys: Type.Array(ElevationSurveyView),
  /** Change patches within {@link SITE_RECORDS_WITHIN_M} of the site, nearest first. */
  patches: Type.Array(SitePatch),
  /** Ledger entries within {@link SITE_RECORDS_WITHIN_M} of the site, nearest first. */
  ledgerEntries: Type.Array(SiteLedgerEntry),
  /** The version of the ruleset's register the findings were made under. */
  rulesetVersion: Type.Integer({ minimum: 0 }),
  checkedAt: Type.String({ format: 'date-time' }),
});
export type SiteCardResponse = Static<typeof SiteCardResponse>;

/** Most days ahead a licence may be counted as expiring (ten years). */
export const MAX_EXPIRING_WITHIN_DAYS = 3650;

/** `GET /api/rights?expiringWithinDays=N` (staff): every right; N defaults to the county setting. */
export const RightsQuery = Type.Object(
  { expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EXPIRING_WITHIN_DAYS })) },
  strict,
);
export type RightsQuery = Static<typeof RightsQuery>;

export const RightsResponse = Type.Object({
  expiringWithinDays: Type.Integer(),
  rights: Type.Array(RightView),
});
export type RightsResponse = Static<typeof RightsResponse>;

/** Properties of one classified patch in `GET /api/patches` (a GeoJSON FeatureCollection). */
export const PatchProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  detectionRound: Type.String(),
  detectedOn: IsoDate,
  areaM2: Type.Number(),
  classification: PatchClass,
  /**
   * The right(s) concerned: the one it lies in, crosses, whose licence expired, that was revoked
   * (`closed_then_mined`) or, for `mining_under_exploration`, the exploration licence.
   */
  licenceNos: Type.Array(Type.String()),
  /** For `out_of_bounds`: the part outside every valid licence. */
  outsideAreaM2: Type.Optional(Type.Number()),
  /** For `protected_zone`: the zones concerned; for `cover_mining`: the restoration parcels (`restoration_parcels`). */
  zones: Type.Optional(Type.Array(Type.Object({ collection: CollectionId, featureId: Type.Integer(), name: Type.String() }))),
  /**
   * For a patch that is not legal: the forest land, grassland and wetland it meets (seed 002
   * 非法占用林地、草地、湿地), each with the overlap (m², ellipsoidal), for the inspector to check the
   * occupation's approval.
   */
  landClasses: Type.Optional(
    Type.Array(Type.Object({ collection: CollectionId, featureId: Type.Integer(), name: Type.String(), overlapAreaM2: Type.Number() })),
  ),
  /** Id of the ledger entry made from this patch, if any. */
  ledgerEntryId: Type.Union([Type.Integer(), Type.Null()]),
});
export type PatchProperties = Static<typeof PatchProperties>;

/** `GET /api/patches?round=…` (staff). */
export const PatchesQuery = Type.Object(
  {
    round: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** Classify against the licence register as it stood at the end of this day (a day not yet past is today). */
    asOf: Type.Optional(IsoDate),
  },
  strict,
);
export type PatchesQuery = Static<typeof PatchesQuery>;

/** `POST /api/patches` (inspector, admin): a round of patches as a GeoJSON FeatureCollection. */
export const PatchRoundBody = Type.Object(
  {
    detectionRound: Type.String({ minLength: 1, maxLength: 100 }),
    detectedOn: IsoDate,
    /** Polygons in EPSG:4490; each feature's `properties.code` names it (unique). Validated in code. */
    features: Type.Unsafe<GeoJSON.FeatureCollection>({ description: 'GeoJSON FeatureCollection of polygons' }),
  },
  strict,
);
export type PatchRoundBody = Static<typeof PatchRoundBody>;

/** One classified patch as a GeoJSON Feature, EPSG:4490 lon/lat. */
export const PatchFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Unsafe<GeoJSON.MultiPolygon>({ description: 'GeoJSON MultiPolygon, EPSG:4490 [lon, lat]' }),
  properties: PatchProperties,
});
export type PatchFeature = Static<typeof PatchFeature>;

/** `GET /api/patches` and `POST /api/patches` answer: the classified patches, in code order. */
export const PatchCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  /** The day (China time) whose licence register the patches were classified against. */
  asOf: IsoDate,
  features: Type.Array(PatchFeature),
});
export type PatchCollection = Static<typeof PatchCollection>;

/** `GET/PUT /api/settings/inspection`: the county's inspection settings (admins change them). */
export const InspectionSettings = Type.Object(
  {
    /** A right whose licence ends within this many days is `expiringSoon` in the register and the site card. */
    expiringWithinDays: Type.Integer({ minimum: 0, maximum: MAX_EXPIRING_WITHIN_DAYS }),
  },
  strict,
);
export type InspectionSettings = Static<typeof InspectionSettings>;

/** `PUT /api/settings/inspection`: the settings, and the version they were based on. */
export const InspectionSettingsBody = Type.Object({ ...InspectionSettings.properties, baseVersion: SettingBaseVersion }, strict);
export type InspectionSettingsBody = Static<typeof InspectionSettingsBody>;

/** `GET`/`PUT /api/settings/inspection` answer: the settings and their version. */
export const InspectionSettingsResponse = Type.Object({ ...InspectionSettings.properties, ...SettingVersion.properties }, strict);
export type InspectionSettingsResponse = Static<typeof InspectionSettingsResponse>;
