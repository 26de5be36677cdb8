import type { Knex } from 'knex';
import type { CollectionId } from '@mpm/domain';
import type { BlockGeometry } from '@mpm/rules';
import { geometryBox, growBox } from '@mpm/geo';
import type { MeasuredGeometry } from '../checks/checks-repository.ts';
import { LAYER_TABLES, columnName } from '../layers/layer-tables.ts';
import { licenceStateSql, rightTable, type RightTable } from './rights-repository.ts';
import { LAND_CLASS_LAYERS, PROTECTED_ZONE_LAYERS, type PatchOverlaps } from './patch-class.ts';
import { siteSql } from './site-repository.ts';
import { statementName } from '../../../db/statement-name.ts';

/** One patch as stored, with what it overlaps (not yet classified). */
export interface PatchRow extends PatchOverlaps {
  id: number;
  code: string;
  detectionRound: string;
  detectedOn: string;
  geometry: GeoJSON.MultiPolygon;
  ledgerEntryId: number | null;
  /** With {@link PatchesNear}: the ellipsoidal distance from the site, metres (0 when it meets the site); else null. */
  distanceM: number | null;
}

/** Which patches: one detection round (or all), as they stood at the end of a past day, near a site. */
export interface PatchesQuery {
  round?: string;
  /** The rights as they stood at the end of `today`, a past day, rebuilt from the register's history. */
  historical?: boolean;
  near?: PatchesNear;
}

/** The patches within `withinM` metres of a site (at most `limit`), nearest first. */
export interface PatchesNear {
  site: MeasuredGeometry;
  withinM: number;
  limit: number;
}

/** A patch to store: its code, the land-use change seen (if given) and its polygon. */
export interface NewPatch {
  code: string;
  landChange: string | null;
  geometry: BlockGeometry;
}

/** Rows per INSERT statement (5 parameters each, far below PostgreSQL's 65 535). */
const INSERT_CHUNK = 500;

/** A right table as `r` for {@link licenceStateSql}: as it stands, or at the end of a past `day`. */
const rightsAs = (knex: Knex, table: RightTable, day?: string): Knex.Raw =>
  knex.raw('(SELECT id, licence_no, valid_to, right_status AS status, geom FROM ? rt) r', [rightTable(knex, table, day)]);

/** The rights of `rights` (as `r`) meeting patch `p`, each with its state (`state`) and overlap (m²), as a JSON array. */
const rightsMeetingSql = (knex: Knex, rights: Knex.Raw, state: Knex.Raw): Knex.Raw =>
  knex.raw(
    `(SELECT coalesce(json_agg(json_build_object('licenceNo', s.licence_no, 'state', s.state, 'overlapAreaM2', s.a)
                               ORDER BY s.licence_no), '[]'::json)
        FROM (SELECT r.licence_no, (?) AS state, ST_Area(ST_Intersection(r.geom, p.geom)::geography)::float8 AS a
                FROM ? WHERE r.geom && p.geom AND ST_Intersects(r.geom, p.geom)) s)`,
    [state, rights],
  );

/**
 * The features of `layers` meeting patch `p`, as a JSON array: one index-bound branch per layer
 * ({@link PROTECTED_ZONE_LAYERS}, {@link LAND_CLASS_LAYERS}).
 */
function zonesMeetingSql(knex: Knex, layers: readonly { collection: CollectionId; only?: { property: string; value: string } }[]): Knex.Raw {
  const branches = layers.map(({ collection, only }) => {
    const layer = LAYER_TABLES[collection];
    const conditions = Object.entries({ ...layer.fixed, ...(only && { [columnName(only.property)]: only.value }) }).map(
      ([column, value]) => knex.raw('?? = ?', [`t.${column}`, value]),
    );
    return knex.raw(
      `SELECT ?::text AS collection, t.id::int AS "featureId", t.name,
              ST_Area(ST_Intersection(t.geom, p.geom)::geography)::float8 AS "overlapAreaM2"
         FROM ?? t WHERE ${conditions.map(() => '? AND ').join('')}t.geom && p.geom AND ST_Intersects(t.geom, p.geom)`,
      [collection, layer.table, ...conditions],
    );
  });
  return knex.raw(`(SELECT coalesce(json_agg(z ORDER BY z.collection, z."featureId"), '[]'::json) FROM (${branches.map(() => '?').join(' UNION ALL ')}) z)`, branches);
}

/**
 * Patches per statement when a round is read from the embedded database: its one connection
 * serves every request, and a 5 000-patch round in one statement (0.7 s) would hold them all.
 */
const CHUNK_PATCHES = 100;

/** Reads of a round in chunks that a write came between, before it is read in one statement. */
const CHUNKED_ATTEMPTS = 3;

/**
 * The statement of {@link PatchesRepository.withOverlaps}: the patches (of `round`, or near a
 * site) after code `after` (keyset), at most `limit`.
 */
function withOverlapsSql(knex: Knex, today: string, { round, historical = false, near }: PatchesQuery, after: string | null, limit: number | null): Knex.Raw {
  const state = licenceStateSql(knex, today, 0);
  const day = historical ? today : undefined;
  const site = near && siteSql(knex, near.site);
  const nearSql = near
    ? knex.raw('p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) AND ST_DWithin(p.geom::geography, ?::geography, ?)', [
        ...growBox(geometryBox(near.site), near.withinM),
        site!,
        near.withinM,
      ])
    : knex.raw('TRUE');
  const distance = near ? knex.raw('ST_Distance(p.geom::geography, ?::geography)::float8', [site!]) : knex.raw('NULL::float8');
  const mining = rightsAs(knex, 'mining_rights', day);
  return knex.raw(
    `SELECT p.id, p.code, p.detection_round AS "detectionRound", to_char(p.detected_on, 'YYYY-MM-DD') AS "detectedOn",
            ST_Area(p.geom::geography)::float8 AS "areaM2", ST_AsGeoJSON(p.geom, 7, 0)::json AS geometry,
            ? AS rights,
            ? AS "explorationRights",
            (SELECT ST_Area(ST_Difference(p.geom, ST_Union(r.geom))::geography)::float8
               FROM ?
              WHERE r.geom && p.geom AND ST_Intersects(r.geom, p.geom) AND (?) IN ('valid', 'expiringSoon')) AS "outsideValidM2",
            ? AS zones,
            ? AS "landClasses",
            (SELECT coalesce(json_agg(json_build_object('featureId', t.id, 'name', t.name,
                                                        'overlapAreaM2', ST_Area(ST_Intersection(t.geom, p.geom)::geography)::float8)
                                      ORDER BY t.id), '[]'::json)
               FROM restoration_parcels t
              WHERE t.lifecycle = 'current' AND t.geom && p.geom AND ST_Intersects(t.geom, p.geom)) AS parcels,
            le.id AS "ledgerEntryId",
            ? AS "distanceM"
       FROM change_patches p
       LEFT JOIN ledger_entries le ON le.patch_id = p.id
      WHERE (?::text IS NULL OR p.detection_round = ?) AND (?::text IS NULL OR p.code > ?) AND ?
      ORDER BY "distanceM", p.code
      LIMIT ?`,
    [
      rightsMeetingSql(knex, mining, state),
      rightsMeetingSql(knex, rightsAs(knex, 'exploration_rights', day), state),
      mining,
      state,
      zonesMeetingSql(knex, PROTECTED_ZONE_LAYERS),
      zonesMeetingSql(knex, LAND_CLASS_LAYERS),
      distance,
      round ?? null,
      round ?? null,
      after,
      after,
      nearSql,
      limit,
    ],
  );
}

/** SQL of the change patches (卫片图斑): what each overlaps on a day, and loading a round. */
export function createPatchesRepository(knex: Knex) {
  const rowsOf = async (statement: Knex.Raw) => (await statement).rows as PatchRow[];
  /** A chunk's statement, prepared once by name (its text is the same from chunk to chunk). */
  const chunkRows = async (statement: Knex.Raw) => {
    const { sql, bindings } = statement.toSQL();
    return (await knex.raw(sql, bindings as Knex.Value[]).options({ name: statementName('patches_chunk', sql) })).rows as PatchRow[];
  };
  /** The newest audit entry's id: every write that changes what a patch meets writes one. */
  const auditMark = async () => ((await knex('audit_log').max('id as id').first()) as { id: number | null }).id;

  return {
    /**
     * Every patch (or those of one detection round, or those near a site, nearest first), in code
     * order, with the mining and exploration rights it meets and their state on `today`, its area
     * outside every valid mining right, the protected zones and current restoration parcels it
     * meets, and the ledger entry made from it (at most one: `patch_id` is unique); all areas
     * ellipsoidal, each lookup bound by the GiST indexes (`&&`), the site's too (its box grown by
     * `withinM`).
     *
     * On the embedded database, patches are read {@link CHUNK_PATCHES} at a time, so that other
     * requests' statements run in between; the chunks make one answer only when no audited write
     * came between the first and the last (the audit log's newest entry the same before and
     * after), else they are read again, and at last in one statement.
     */
    async withOverlaps(today: string, query: PatchesQuery = {}): Promise<PatchRow[]> {
      const statement = (after: string | null, limit: number | null) => withOverlapsSql(knex, today, query, after, limit);
      if (query.near) return rowsOf(statement(null, query.near.limit));
      if (knex.client.config.client === 'pg') return rowsOf(statement(null, null));
      for (let attempt = 0; attempt < CHUNKED_ATTEMPTS; attempt++) {
        const before = await auditMark();
        const rows: PatchRow[] = [];
        for (let chunk = await chunkRows(statement(null, CHUNK_PATCHES)); ; chunk = await chunkRows(statement(rows.at(-1)!.code, CHUNK_PATCHES))) {
          rows.push(...chunk);
          if (chunk.length < CHUNK_PATCHES) break;
        }
        if ((await auditMark()) === before) return rows;
      }
      return rowsOf(statement(null, null));
    },

    /** Which of `codes` are taken already. */
    async existingCodes(codes: readonly string[], trx: Knex = knex): Promise<string[]> {
      if (codes.length === 0) return [];
      const rows = await trx('change_patches').whereIn('code', [...codes]).orderBy('code').select('code');
      return rows.map((row: { code: string }) => row.code);
    },

    /** Stores a round's patches (as MultiPolygons); call inside the transaction of its audit entry. */
    async insertRound(detectionRound: string, detectedOn: string, patches: readonly NewPatch[], trx: Knex): Promise<number[]> {
      const ids: number[] = [];
      for (let start = 0; start < patches.length; start += INSERT_CHUNK) {
        const rows = patches.slice(start, start + INSERT_CHUNK).map((patch) => ({
          code: patch.code,
          detection_round: detectionRound,
          detected_on: detectedOn,
          land_change: patch.landChange,
          geom: trx.raw('ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)))', [JSON.stringify(patch.geometry)]),
        }));
        const inserted = await trx('change_patches').insert(rows).returning('id');
        ids.push(...inserted.map((row: { id: number }) => row.id));
      }
      return ids;
    },
  };
}

export type PatchesRepository = ReturnType<typeof createPatchesRepository>;
