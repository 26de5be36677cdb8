import type { CollectionId, FieldDef } from '@mpm/domain';

/**
 * Where each collection lives: its table, the fixed column values that select its rows (and are
 * written when loading), and select expressions for properties that are not a plain column.
 * Every table a collection is read from (its own, and those its expressions select from) must
 * move on the collection's data revision when written: `bumpLayerRevisions` in a migration
 * (`test/layer-data-revisions.test.ts` checks), or its tiles stay cached after a write.
 */
export interface LayerTable {
  table: string;
  fixed: Record<string, string>;
  /** Property key → SQL expression over alias `t` (trusted, never built from input); these are not columns. */
  expressions?: Record<string, string>;
  /** Date columns of when each feature is in force (inclusive), for OGC `datetime`; absent for a layer without time. */
  validity?: { from: string; to: string };
}

/**
 * A parcel's status is that of its latest progress record (`planned` without one); it was
 * completed on the first record of the latest run of `completed`/`accepted` records (records are
 * appended in date order, so ids follow dates), and has no completion date while not done.
 */
const PARCEL_STATUS = `coalesce((SELECT r.status FROM restoration_progress r WHERE r.parcel_id = t.id
  ORDER BY r.recorded_on DESC, r.id DESC LIMIT 1), 'planned')`;
const PARCEL_COMPLETED_ON = `(SELECT to_char(min(r.recorded_on), 'YYYY-MM-DD') FROM restoration_progress r
  WHERE r.parcel_id = t.id AND r.status IN ('completed', 'accepted')
    AND r.id > coalesce((SELECT max(b.id) FROM restoration_progress b
                          WHERE b.parcel_id = t.id AND b.status IN ('planned', 'underWay')), 0))`;

/**
 * A mine is a green mine while a listing of the green-mine directory is in force today (China
 * time): the directory is the flag's one source (migration 026).
 */
const GREEN_MINE = `EXISTS (SELECT 1 FROM green_mines g WHERE g.mining_right_id = t.id
  AND g.listed_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date
  AND (g.delisted_on IS NULL OR g.delisted_on > (now() AT TIME ZONE 'Asia/Shanghai')::date))`;

export const LAYER_TABLES: Record<CollectionId, LayerTable> = {
  county: { table: 'admin_areas', fixed: { level: 'county' } },
  townships: { table: 'admin_areas', fixed: { level: 'township' } },
  concentrated_zones: { table: 'concentrated_zones', fixed: {} },
  mining_blocks: { table: 'planning_blocks', fixed: { kind: 'mining' } },
  exploration_blocks: { table: 'planning_blocks', fixed: { kind: 'exploration' } },
  mining_zoning: { table: 'mining_zoning', fixed: {} },
  eco_redline: { table: 'protected_areas', fixed: { kind: 'eco_redline' } },
  farmland: { table: 'protected_areas', fixed: { kind: 'farmland' } },
  urban_development_boundary: { table: 'protected_areas', fixed: { kind: 'urban_development_boundary' } },
  forest_land: { table: 'protected_areas', fixed: { kind: 'forest_land' } },
  grassland: { table: 'protected_areas', fixed: { kind: 'grassland' } },
  wetland: { table: 'protected_areas', fixed: { kind: 'wetland' } },
  nature_reserves: { table: 'protected_areas', fixed: { kind: 'nature_reserves' } },
  water_sources: { table: 'protected_areas', fixed: { kind: 'water_sources' } },
  scenic_areas: { table: 'protected_areas', fixed: { kind: 'scenic_areas' } },
  residential_areas: { table: 'protected_areas', fixed: { kind: 'residential_areas' } },
  roads: { table: 'line_features', fixed: { kind: 'roads' } },
  railways: { table: 'line_features', fixed: { kind: 'railways' } },
  rivers: { table: 'line_features', fixed: { kind: 'rivers' } },
  mining_rights: { table: 'mining_rights', fixed: {}, expressions: { greenMine: GREEN_MINE }, validity: { from: 'valid_from', to: 'valid_to' } },
  exploration_rights: { table: 'exploration_rights', fixed: {}, validity: { from: 'valid_from', to: 'valid_to' } },
  // Retired parcels (split, merged or withdrawn) are history, never a layer's features.
  restoration_parcels: {
    table: 'restoration_parcels',
    fixed: { lifecycle: 'current' },
    expressions: {
      township: '(SELECT a.name FROM admin_areas a WHERE a.admin_code = t.township_code)',
      restorationStatus: PARCEL_STATUS,
      completedOn: PARCEL_COMPLETED_ON,
    },
  },
  change_patches: { table: 'change_patches', fixed: {} },
};

/** Column name for a property key: `minScale10ktPerYear` → `min_scale_10kt_per_year`. */
export const columnName = (key: string): string =>
  key.replace(/([a-z])(\d)/g, '$1_$2').replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();

const COMPUTED: Record<NonNullable<FieldDef['computed']>, string> = {
  areaMu: 'round((ST_Area(t.geom::geography) * 15 / 10000)::numeric, 2)::float8',
  areaKm2: 'round((ST_Area(t.geom::geography) / 1e6)::numeric, 4)::float8',
  lengthKm: 'round((ST_Length(t.geom::geography) / 1000)::numeric, 3)::float8',
};

/** SQL expression (over alias `t`) that yields a field's JSON-ready value. */
export function fieldExpression(layer: LayerTable, field: FieldDef): string {
  if (field.computed) return COMPUTED[field.computed];
  const custom = layer.expressions?.[field.key];
  if (custom) return custom;
  const column = `t.${columnName(field.key)}`;
  switch (field.type) {
    case 'number':
      return `${column}::float8`;
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    default:
      return column;
  }
}
