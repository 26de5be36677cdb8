import type { Knex } from 'knex';
import { getLayer, isRightCollection, type CollectionId } from '@mpm/domain';
import { geometryBox, growBox, planarReach } from '@mpm/geo';
import type { BlockGeometry, FeatureMeasurement, GeometryEngine, MeasurementRequest, Measurements, MineRecord, ZoneRight } from '@mpm/rules';
import { LAYER_TABLES, fieldExpression } from '../layers/layer-tables.ts';
import { layerSource, type BBox } from '../layers/layers-repository.ts';
import { rightTable } from '../inspection/rights-repository.ts';
import { statementName } from '../../../db/statement-name.ts';

/**
 * The block, parsed once: only ever a geometry already validated in code (see
 * `block-*.validation.ts`), with GEOS's verdict on it (issue #13: in the measuring statement, not
 * a round trip of its own). An invalid block is measured as empty, so it meets nothing and no
 * GEOS operation sees it; its reason is answered instead.
 */
const BLOCK_CTE = `b AS (
  SELECT g, g::geography AS geog, valid, reason
    FROM (SELECT CASE WHEN valid THEN parsed ELSE ST_SetSRID('POLYGON EMPTY'::geometry, 4490) END AS g, valid,
                 CASE WHEN NOT valid THEN ST_IsValidReason(parsed) END AS reason
            FROM (SELECT parsed, ST_IsValid(parsed) AS valid
                    FROM (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)) AS parsed) p) v) s
)`;

/**
 * What the PostGIS engine measures: a block, or an inspector's point (its overlap areas and
 * `blockAreaM2` are 0; its distances are exact, 0 inside a polygon).
 */
export type MeasuredGeometry = BlockGeometry | GeoJSON.Point;

/**
 * One collection's part of the measuring query: its features within `withinM` of the block
 * (an index prefilter on `envelope`, the block's box grown by `withinM`, as west, south, east and
 * north bindings; then the exact test: intersection for 0, else the distance on the ellipsoid
 * for the features a flat `ST_DWithin` by `reach` degrees passes), with their staff-view catalogue properties, overlap
 * area and distance. `asOf`: the rights as they stood at the end of that past day (the other
 * layers keep no history and are read as they stand).
 */
function collectionQuery(
  knex: Knex,
  collection: CollectionId,
  withinM: number,
  envelope: readonly Knex.Value[],
  reach: Knex.Value,
  sliverToleranceM2: number,
  asOf?: string,
): Knex.Raw {
  const layer = LAYER_TABLES[collection];
  const def = getLayer(collection);
  const properties = def.fields.flatMap((field) => [knex.raw('?::text', [field.key]), knex.raw(fieldExpression(layer, field))]);
  const fixed = Object.entries(layer.fixed).map(([column, value]) => knex.raw('?? = ?', [`t.${column}`, value]));
  // A revoked right takes no part in a check (`rightCountsInChecks` of @mpm/domain).
  const isRight = isRightCollection(collection);
  if (isRight) fixed.push(knex.raw(`t.right_status <> 'revoked'`));
  const miningRights = rightTable(knex, 'mining_rights', asOf);
  const overlap =
    def.geometry === 'polygon'
      ? 'CASE WHEN ST_Intersects(t.geom, b.g) THEN ST_Area(ST_Intersection(t.geom, b.g)::geography) ELSE 0 END'
      : '0';
  // Holders of the existing rights inside a planning block, slivers (as the rules treat them) aside.
  const holders =
    collection === 'mining_blocks'
      ? knex.raw(
          `(SELECT coalesce(json_agg(DISTINCT r.holder ORDER BY r.holder), '[]'::json) FROM ? r
             WHERE r.geom && t.geom AND r.right_status <> 'revoked' AND ST_Intersects(r.geom, t.geom)
               AND ST_Area(ST_Intersection(r.geom, t.geom)::geography) >= ?)`,
          [miningRights, sliverToleranceM2],
        )
      : knex.raw('NULL::json');
  // The rights inside a concentrated zone, for its planned rights and total (slivers aside, as above).
  const rightsInside =
    collection === 'concentrated_zones'
      ? knex.raw(
          `(SELECT coalesce(json_agg(json_build_object('licenceNo', r.licence_no, 'capacity10ktPerYear', coalesce(r.capacity_10kt_per_year, 0)::float8)
                     ORDER BY r.licence_no COLLATE "C"), '[]'::json) FROM ? r
             WHERE r.geom && t.geom AND r.right_status <> 'revoked' AND ST_Intersects(r.geom, t.geom)
               AND ST_Area(ST_Intersection(r.geom, t.geom)::geography) >= ?)`,
          [miningRights, sliverToleranceM2],
        )
      : knex.raw('NULL::json');
  // Touching features are 0 m away; for the others the one ellipsoidal distance (O(n·m) in the
  // vertices) is both the figure and the filter, rather than ST_DWithin on geography and then
  // ST_Distance (6.5 times slower for the demo's lines). A flat ST_DWithin in degrees first spares
  // it the features certainly farther (`planarReach`: most of the lines in the grown box), and
  // `OFFSET 0` keeps the planner from copying the expression into the filter.
  const [distance, near] =
    withinM > 0
      ? [knex.raw('ST_Distance(t.geom::geography, b.geog)'), knex.raw('"distanceM" <= ?', [withinM])]
      : [knex.raw('0'), knex.raw('true')];
  const touching = withinM > 0 ? knex.raw('ST_DWithin(t.geom, b.g, ?)', [reach]) : knex.raw('ST_Intersects(t.geom, b.g)');
  return knex.raw(
    `SELECT * FROM (
       SELECT ?::text AS collection, t.id::int AS "featureId",
              json_build_object(${properties.map(() => '?').join(', ')}) AS properties,
              (${overlap})::float8 AS "overlapAreaM2",
              (?)::float8 AS "distanceM",
              ? AS "rightHolders",
              ? AS "rightsInside"
         FROM ?, b
        WHERE ${[...fixed.map(() => '?'), 't.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)', '?'].join(' AND ')}
       OFFSET 0
     ) c WHERE ?`,
    [collection, ...properties, distance, holders, rightsInside, layerSource(knex, collection, isRight ? asOf : undefined), ...fixed, ...envelope, touching, near],
  );
}

/** The PostGIS engine also measures a point (see {@link MeasuredGeometry}). */
export interface PointMeasuring {
  measure(site: MeasuredGeometry, request: MeasurementRequest): Promise<Measurements>;
  /**
   * GEOS's verdict on the block and its measurements, in one round trip: `invalidReason` is null
   * when the block is valid, else GEOS's reason (as {@link ChecksRepository}'s `invalidityReason`
   * says it), and then the measurements are those of an empty block, to be thrown away. With
   * `stateOf`, also what the check's inputs stand on as the measuring saw it (`inputsState`, as
   * `inputsState` of the repository answers it; else null): the same round trip tells whether the
   * inputs the request was made from still stand.
   */
  validAndMeasured(
    block: MeasuredGeometry,
    request: MeasurementRequest,
    stateOf?: InputsStateOf,
  ): Promise<{ invalidReason: string | null; measurements: Measurements; inputsState: CheckInputsState | null }>;
}

/** A binding of the measuring statement that depends on the block: filled in at each call. */
class BlockBinding {
  [key: string]: unknown;
  constructor(readonly of: (block: MeasuredGeometry, bbox: BBox) => Knex.Value) {}
}

/** The measuring statement for one request, built once: its text, name and how to bind a block. */
interface MeasuringStatement {
  name: string;
  sql: string;
  bindings(block: MeasuredGeometry): Knex.Value[];
}

/**
 * The measuring statement of `request` (one round trip: a UNION over the requested collections),
 * built with knex once and kept with the request: each check then only fills in the block and its
 * grown boxes. The statement's name is a digest of its text, so PostgreSQL keeps it prepared on
 * each connection (issue #13: planning the ~200-binding statement cost ~9 ms a check, executing
 * it ~1 ms); on PGlite, pglite-thread.ts prepares it by name the same way.
 */
function measuringStatement(knex: Knex, request: MeasurementRequest, sliverToleranceM2: number, asOf?: string, stateOf?: InputsStateOf): MeasuringStatement {
  const grown = (withinM: number) => [0, 1, 2, 3].map((i) => new BlockBinding((_, bbox) => growBox(bbox, withinM)[i]));
  const reach = (withinM: number) => new BlockBinding((_, bbox) => planarReach(bbox, withinM));
  const parts = request.collections.map(({ collection, withinM }) =>
    collectionQuery(knex, collection, withinM, grown(withinM), reach(withinM), sliverToleranceM2, asOf),
  );
  const found = parts.length > 0 ? parts.map(() => '(?)').join(' UNION ALL ') : 'SELECT NULL::text AS collection, NULL::int AS "featureId" WHERE false';
  const { sql, bindings } = knex
    .raw(
      `WITH ${BLOCK_CTE}, found AS (${found})
       SELECT (SELECT ST_Area(geog) FROM b)::float8 AS "blockAreaM2", (SELECT reason FROM b) AS "invalidReason",
              (SELECT coalesce(json_agg(f ORDER BY f.collection, f."featureId"), '[]'::json) FROM found f) AS features,
              ${stateOf ? `(SELECT row_to_json(s) FROM (${INPUTS_STATE_SQL}) s)` : 'NULL::json'} AS "inputsState"`,
      [new BlockBinding((block) => JSON.stringify(block)), ...parts, ...(stateOf ? inputsStateBindings(stateOf) : [])],
    )
    .toSQL();
  return {
    name: statementName('check_measure', sql, JSON.stringify(bindings.filter((b) => !(b instanceof BlockBinding)))),
    sql,
    bindings(block) {
      const bbox = geometryBox(block);
      return bindings.map((binding) => (binding instanceof BlockBinding ? binding.of(block, bbox) : (binding as Knex.Value)));
    },
  };
}

/** Measuring statements by request (a check's request is kept with its inputs), sliver tolerance and day. */
const statements = new WeakMap<MeasurementRequest, Map<string, MeasuringStatement>>();

function statementFor(knex: Knex, request: MeasurementRequest, sliverToleranceM2: number, asOf?: string, stateOf?: InputsStateOf): MeasuringStatement {
  const byRequest = statements.get(request) ?? new Map<string, MeasuringStatement>();
  statements.set(request, byRequest);
  const key = `${sliverToleranceM2}|${asOf ?? ''}|${stateOf ? JSON.stringify(stateOf) : ''}`;
  let statement = byRequest.get(key);
  if (!statement) byRequest.set(key, (statement = measuringStatement(knex, request, sliverToleranceM2, asOf, stateOf)));
  return statement;
}

/**
 * The server's geometry engine: PostGIS with spatial indexes and ellipsoidal (`geography`)
 * areas and distances, one round trip per block (a UNION over the requested collections).
 * `sliverToleranceM2`: a right overlapping a planning block by less is not one of its holders.
 */
export function createPostgisEngine(knex: Knex, sliverToleranceM2: number, asOf?: string): GeometryEngine & PointMeasuring {
  const engine = {
    async measure(block: MeasuredGeometry, request: MeasurementRequest): Promise<Measurements> {
      return (await engine.validAndMeasured(block, request)).measurements;
    },

    async validAndMeasured(block: MeasuredGeometry, request: MeasurementRequest, stateOf?: InputsStateOf) {
      const statement = statementFor(knex, request, sliverToleranceM2, asOf, stateOf);
      // The same text prepared under one name; the values bound per call (see `measuringStatement`).
      const result = await knex.raw(statement.sql, statement.bindings(block)).options({ name: statement.name });
      type Row = FeatureMeasurement & { rightHolders: string[] | null; rightsInside: ZoneRight[] | null };
      const row = result.rows[0] as { blockAreaM2: number; invalidReason: string | null; features: Row[]; inputsState: CheckInputsState | null };
      const features = row.features.map(({ rightHolders, rightsInside, ...feature }) => ({
        ...feature,
        ...(rightHolders && { rightHolders }),
        ...(rightsInside && { rightsInside }),
      }));
      return { invalidReason: row.invalidReason, measurements: { blockAreaM2: row.blockAreaM2, features }, inputsState: row.inputsState };
    },
  };
  return engine;
}

/** What {@link createChecksRepository}'s `inputsState` answers: the data the check's cached inputs were made from. */
export interface CheckInputsState {
  /** `layer=revision` of the county boundary and the mining rights. */
  revisions: string;
  rulesetVersion: number | null;
  /** The stored settings' JSON, null when none is stored. */
  buffers: string | null;
  indicators: string | null;
  blocks: string | null;
}

/** The county settings' keys whose stored values a check's inputs read. */
export interface InputsStateKeys {
  buffers: string;
  indicators: string;
  blocks: string;
}

/** Whose {@link CheckInputsState} to read: the ruleset file's id and the settings' keys. */
export interface InputsStateOf {
  rulesetId: string;
  settingsKeys: InputsStateKeys;
}

/** The one statement reading a {@link CheckInputsState}: alone, or inside the measuring statement. */
const INPUTS_STATE_SQL = `SELECT (SELECT coalesce(string_agg(layer_id || '=' || revision, ',' ORDER BY layer_id), '')
                   FROM layer_data_revisions WHERE layer_id IN ('county', 'mining_rights')) AS revisions,
                (SELECT max(version) FROM ruleset_versions WHERE ruleset_id = ?) AS "rulesetVersion",
                (SELECT value::text FROM county_settings WHERE key = ?) AS buffers,
                (SELECT value::text FROM county_settings WHERE key = ?) AS indicators,
                (SELECT value::text FROM county_settings WHERE key = ?) AS blocks`;

const inputsStateBindings = ({ rulesetId, settingsKeys }: InputsStateOf) => [rulesetId, settingsKeys.buffers, settingsKeys.indicators, settingsKeys.blocks];

/** SQL of the planner's check: the geometry engine, the county's mines and its extent. */
export function createChecksRepository(knex: Knex) {
  return {
    /** The PostGIS geometry engine (see {@link createPostgisEngine}); `asOf`, a past day whose rights to measure. */
    engine: (sliverToleranceM2: number, asOf?: string) => createPostgisEngine(knex, sliverToleranceM2, asOf),

    /** The existing mines for the plan indicators: every mining right not revoked (at the end of `asOf`, a past day, if given). */
    async mines(asOf?: string): Promise<MineRecord[]> {
      return knex
        .from(knex.raw('? AS r', [rightTable(knex, 'mining_rights', asOf)]))
        .whereNot('right_status', 'revoked')
        .select('mineral', 'scale_class AS scaleClass', knex.raw('capacity_10kt_per_year::float8 AS "capacity10ktPerYear"'))
        .orderBy('id');
    },

    /** Whether the boundary shares area with the county. */
    async inCounty(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Promise<boolean> {
      const result = await knex.raw(
        `SELECT 1 FROM admin_areas WHERE level = 'county'
            AND ST_Relate(geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4490), 'T********') LIMIT 1`,
        [JSON.stringify(geometry)],
      );
      return result.rows.length > 0;
    },

    /**
     * What a check's inputs that rarely change stand on, in one round trip (see `check-inputs.ts`):
     * the data revisions of the county boundary and of the mining rights (migration 014: every
     * statement changing them moves them on), the newest stored version of ruleset `rulesetId`
     * (versions are append-only) and the stored buffer widths, indicator targets and block settings
     * as text. Prepared by name (one text, the values bound per call): PostgreSQL parsed and planned
     * it at every check before (~0.6 ms of its ~0.7 ms).
     */
    async inputsState(rulesetId: string, settingsKeys: InputsStateKeys): Promise<CheckInputsState> {
      const result = await knex.raw(INPUTS_STATE_SQL, inputsStateBindings({ rulesetId, settingsKeys })).options({ name: 'check_inputs_state' });
      return result.rows[0] as CheckInputsState;
    },

    /** The county's extent, or null before any county is loaded. */
    async countyExtent(): Promise<BBox | null> {
      const result = await knex.raw(
        `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
           FROM (SELECT ST_Extent(geom) AS e FROM admin_areas WHERE level = 'county') s`,
      );
      const row = result.rows[0] as { x0: number | null; y0: number; x1: number; y1: number } | undefined;
      return row && row.x0 !== null ? [row.x0, row.y0, row.x1, row.y1] : null;
    },

    /**
     * GEOS's verdict on a block that passed the checks in code: they work at 1 cm in
     * Gauss–Krüger metres and ring by ring, so this catches finer crossings and MultiPolygon
     * parts that overlap. Null when valid, else GEOS's reason (English, with the place).
     */
    async invalidityReason(block: BlockGeometry): Promise<string | null> {
      const result = await knex.raw(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
           FROM (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)) AS g) s`,
        [JSON.stringify(block)],
      );
      const row = result.rows[0] as { valid: boolean; reason: string };
      return row.valid ? null : row.reason;
    },
  };
}

export type ChecksRepository = ReturnType<typeof createChecksRepository>;
