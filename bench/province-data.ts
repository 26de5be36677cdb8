import type { Database } from '@mpm/api';
import { COUNTY_BBOX } from './shapes.ts';

type Knex = Database['knex'];

/**
 * One synthetic county's share of the province (issue #13: ~100 counties hold 50 000 zone and
 * protected-area polygons, 10 000 rights, 200 000 change patches and 20 000 restoration parcels).
 */
export const PER_COUNTY = {
  protectedAreas: 300,
  miningZoning: 100,
  planningBlocks: 50,
  concentratedZones: 50,
  miningRights: 100,
  explorationRights: 20,
  roads: 50,
  changePatches: 2_000,
  restorationParcels: 200,
} as const;

/** Counties side by side in rows of ten, each in a box the size of the demo county's; county 0 is the demo's own box. */
const [WEST, SOUTH, EAST, NORTH] = COUNTY_BBOX;
const COUNTY_STEP = { lon: EAST - WEST + 0.02, lat: NORTH - SOUTH + 0.02 };
const PER_ROW = 10;
/** A township of the demo county (data/demo), for the parcels made in county 0. */
const DEMO_TOWNSHIP = '621025100';

/** The lon/lat box of county `k` (0 = the demo county). */
export function countyBox(k: number): [number, number, number, number] {
  const west = WEST + (k % PER_ROW) * COUNTY_STEP.lon;
  const south = SOUTH + Math.floor(k / PER_ROW) * COUNTY_STEP.lat;
  return [west, south, west + (EAST - WEST), south + (NORTH - SOUTH)];
}

/**
 * Seeded SQL helpers (in the bench's own database only): `bench_rand(i, salt)` is a uniform number
 * in [0, 1) from an md5 of its arguments, so the data does not depend on the order rows are made
 * in; `bench_blob` a polygon of radius `radius_m` (metres, as an ellipse in degrees) round a point of
 * county `k`'s box, with 12 vertices. One statement each: PGlite takes one statement per query.
 */
const HELPERS = [
  `CREATE OR REPLACE FUNCTION bench_rand(i bigint, salt text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
    $$ SELECT ('x' || substr(md5(i::text || ':' || salt), 1, 12))::bit(48)::bigint / 281474976710656.0 $$`,
  `CREATE OR REPLACE FUNCTION bench_blob(i bigint, salt text, k int, min_m float8, max_m float8) RETURNS geometry
  LANGUAGE sql IMMUTABLE AS $$
    SELECT ST_Multi(ST_SetSRID(ST_Scale(
             ST_Buffer(ST_MakePoint(0, 0), (min_m * power(max_m / min_m, bench_rand(i, salt || 'r'))) / 111320.0, 'quad_segs=3'),
             1 / cos(radians(${SOUTH} + (k / ${PER_ROW}) * ${COUNTY_STEP.lat} + 0.5 * ${NORTH - SOUTH})), 1)
           , 4490)) $$`,
  `CREATE OR REPLACE FUNCTION bench_place(g geometry, i bigint, salt text, k int) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
    SELECT ST_SetSRID(ST_Translate(g,
             ${WEST} + (k % ${PER_ROW}) * ${COUNTY_STEP.lon} + bench_rand(i, salt || 'x') * ${EAST - WEST},
             ${SOUTH} + (k / ${PER_ROW}) * ${COUNTY_STEP.lat} + bench_rand(i, salt || 'y') * ${NORTH - SOUTH}), 4490) $$`,
];

/** A polygon of `min`–`max` metres (log-uniform) at a seeded place in county `k` (SQL over `i`, `k` and a salt). */
const blob = (salt: string, minM: number, maxM: number) => `bench_place(bench_blob(i, '${salt}', k, ${minM}, ${maxM}), i, '${salt}', k)`;

/** `generate_series` rows (`k` county, `i` a province-wide serial) for counties from…to-1, `n` a county. */
const rows = (from: number, to: number, n: number) =>
  `FROM generate_series(${from}, ${to - 1}) k, generate_series(1, ${n}) j, LATERAL (SELECT (k::bigint * 1000000 + j) AS i) s`;

/**
 * Adds the synthetic share of counties `from`…`to - 1` to every layer in one statement per table
 * (generate_series, no row-by-row inserts): a township per county (whose code its parcels carry),
 * (county 0, the demo's, has its own) zones, protected areas, mining and exploration rights, roads, change patches (in two detection rounds) and restoration parcels.
 */
export async function growProvince(knex: Knex, from: number, to: number): Promise<void> {
  for (const helper of HELPERS) await knex.raw(helper);
  const boxes = Array.from({ length: to - from }, (_, n) => countyBox(from + n));
  for (const [n, box] of boxes.entries()) {
    const k = from + n;
    if (k === 0) continue; // the demo county has its townships
    await knex.raw(
      `INSERT INTO admin_areas (level, name, admin_code, geom) VALUES ('township', ?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4490)))`,
      [`bench county ${k}`, `B${k}`, ...box],
    );
  }
  const kinds = `(ARRAY['eco_redline','farmland','nature_reserves','water_sources','scenic_areas','residential_areas','urban_development_boundary','forest_land','grassland','wetland'])`;
  const statements = [
    `INSERT INTO protected_areas (kind, name, farmland_class, geom)
     SELECT kind, 'bench ' || i, CASE WHEN kind = 'farmland' THEN 'permanentBasic' END, ${blob('pa', 60, 1500)}
       ${rows(from, to, PER_COUNTY.protectedAreas)}, LATERAL (SELECT ${kinds}[1 + (j % 10)] AS kind) t`,
    `INSERT INTO mining_zoning (zoning_class, name, geom)
     SELECT (ARRAY['keyMining','restrictedMining','prohibitedMining'])[1 + (j % 3)], 'bench ' || i, ${blob('mz', 300, 2500)}
       ${rows(from, to, PER_COUNTY.miningZoning)}`,
    `INSERT INTO planning_blocks (kind, code, name, mineral, geom)
     SELECT CASE WHEN j % 2 = 0 THEN 'mining' ELSE 'exploration' END, 'B-PB-' || i, 'bench ' || i, 'brickClay', ${blob('pb', 150, 800)}
       ${rows(from, to, PER_COUNTY.planningBlocks)}`,
    `INSERT INTO concentrated_zones (name, main_mineral, geom)
     SELECT 'bench ' || i, 'brickClay', ${blob('cz', 500, 3000)}
       ${rows(from, to, PER_COUNTY.concentratedZones)}`,
    `INSERT INTO mining_rights (licence_no, mine_name, holder, mineral, mining_method, scale_class, capacity_10kt_per_year, valid_from, valid_to, right_status, geom)
     SELECT 'B-MR-' || i, 'bench mine ' || i, 'bench holder ' || i, 'brickClay', 'openPit', 'small', 5 + (j % 20),
            DATE '2020-01-01', DATE '2026-01-01' + (j % 2000), 'active', ${blob('mr', 100, 600)}
       ${rows(from, to, PER_COUNTY.miningRights)}`,
    `INSERT INTO exploration_rights (licence_no, holder, mineral, valid_from, valid_to, geom)
     SELECT 'B-ER-' || i, 'bench holder ' || i, 'brickClay', DATE '2021-01-01', DATE '2026-06-01' + (j % 1500), ${blob('er', 500, 2000)}
       ${rows(from, to, PER_COUNTY.explorationRights)}`,
    // Roads of 2–12 km, straight, in any direction from a seeded point.
    `INSERT INTO line_features (kind, name, road_class, geom)
     SELECT 'roads', 'bench road ' || i, (ARRAY['national','provincial','countyRoad','townshipRoad'])[1 + (j % 4)],
            ST_Multi(ST_MakeLine(ST_StartPoint(e), ST_Translate(ST_StartPoint(e), len * cos(a), len * sin(a))))
       ${rows(from, to, PER_COUNTY.roads)},
       LATERAL (SELECT ST_ExteriorRing(ST_GeometryN(${blob('rd', 1, 2)}, 1)) AS e,
                       (2000 + 10000 * bench_rand(i, 'len')) / 111320.0 AS len, 2 * pi() * bench_rand(i, 'dir') AS a) l`,
    `INSERT INTO change_patches (code, detection_round, detected_on, land_change, geom)
     SELECT 'B-CP-' || i, CASE WHEN j % 2 = 0 THEN 'bench 2025Q3' ELSE 'bench 2025Q4' END, DATE '2025-09-30', 'bench', ${blob('cp', 20, 150)}
       ${rows(from, to, PER_COUNTY.changePatches)}`,
    `INSERT INTO restoration_parcels (code, name, mine_category, township_code, planned_year, geom)
     SELECT 'B-RP-' || i, 'bench parcel ' || i, 'abandoned', CASE WHEN k = 0 THEN '${DEMO_TOWNSHIP}' ELSE 'B' || k END, 2026 + (j % 5), ${blob('rp', 30, 250)}
       ${rows(from, to, PER_COUNTY.restorationParcels)}`,
  ];
  for (const sql of statements) await knex.raw(sql);
}

/** Adds a detection round of `count` seeded patches over the demo county (county 0), to be classified. */
export async function addRound(knex: Knex, round: string, count: number): Promise<void> {
  for (const helper of HELPERS) await knex.raw(helper);
  await knex.raw(
    `INSERT INTO change_patches (code, detection_round, detected_on, land_change, geom)
     SELECT 'R-' || i, ?, DATE '2025-12-31', 'bench', ${blob('round', 20, 150)}
       FROM generate_series(0, 0) k, generate_series(1, ?) i`,
    [round, count],
  );
}
