import { Type, type Static } from 'typebox';
import { BBox } from './layers.ts';

/** The longest search text accepted, in characters (a licence number is 23). */
export const SEARCH_MAX_LENGTH = 100;

/** Results at most per group. */
export const SEARCH_GROUP_LIMIT = 8;

/**
 * What a result is, in the order groups are answered: a typed coordinate, a township or the
 * county, a mining or exploration licence, a feature of another layer, a planner's proposal
 * (staff), a problem-ledger entry (staff).
 */
export const SEARCH_KINDS = ['coordinate', 'place', 'licence', 'feature', 'proposal', 'ledger'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** `GET /api/search?q=`: 1 to {@link SEARCH_MAX_LENGTH} characters once trimmed (checked by the route, with a named 400). */
export const SearchQuery = Type.Object({ q: Type.Optional(Type.String()) });
export type SearchQuery = Static<typeof SearchQuery>;

/** One thing found, with where to fly to: its bbox, or a point (a coordinate). Lon/lat EPSG:4490. */
export const SearchResult = Type.Object({
  kind: Type.Enum(SEARCH_KINDS),
  /** The layer (collection id) of a licence, place or feature; absent for the other kinds. */
  layer: Type.Optional(Type.String()),
  /** Feature, proposal or ledger entry id; absent for a coordinate. */
  id: Type.Optional(Type.Integer()),
  /** What to show: a name, a licence's mine name or number, a proposal's name, a ledger entry's title. */
  label: Type.String(),
  /** A second line: a licence number and holder, the field that matched, a coordinate's reading. */
  detail: Type.Optional(Type.String()),
  bbox: Type.Optional(BBox),
  point: Type.Optional(Type.Tuple([Type.Number(), Type.Number()])),
});
export type SearchResult = Static<typeof SearchResult>;

/** Results grouped by kind, in {@link SEARCH_KINDS} order, empty groups left out. */
export const SearchResponse = Type.Object({
  q: Type.String(),
  groups: Type.Array(Type.Object({ kind: Type.String(), results: Type.Array(SearchResult) })),
});
export type SearchResponse = Static<typeof SearchResponse>;

/**
 * The fields a layer's labels are made of, best first, for the layers labelled at a point (areas;
 * lines are labelled along themselves from their tiles). `GET /api/labels` answers these,
 * where the caller may read them.
 */
export const LABEL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  county: ['name'],
  townships: ['name'],
  mining_zoning: ['name'],
  concentrated_zones: ['name'],
  mining_blocks: ['name', 'code'],
  exploration_blocks: ['name', 'code'],
  eco_redline: ['name'],
  farmland: ['name'],
  urban_development_boundary: ['name'],
  forest_land: ['name'],
  grassland: ['name'],
  wetland: ['name'],
  nature_reserves: ['name'],
  water_sources: ['name'],
  scenic_areas: ['name'],
  residential_areas: ['name'],
  mining_rights: ['mineName', 'licenceNo'],
  exploration_rights: ['licenceNo'],
  restoration_parcels: ['name', 'code'],
  change_patches: ['code'],
};

/** `GET /api/labels`: one point per labelled feature the caller may see, with its layer and label fields. */
export const LabelPointsResponse = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
      properties: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
    }),
  ),
});
export type LabelPointsResponse = Static<typeof LabelPointsResponse>;
