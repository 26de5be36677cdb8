import type { Knex } from 'knex';
import type { ParcelEventKind, ParcelLifecycle, RestorationStatus } from '@mpm/domain';
import type { ParcelProperties, ParcelRegisterQuery, ParcelRegisterRow } from '@mpm/contracts';
import { mostOverlappedTownship } from '../layers/layers-repository.ts';

/** What the register's write module tells the history trigger about the change it makes next. */
export interface ParcelEventContext {
  kind: ParcelEventKind;
  note: string | null;
  recordedBy: number;
  relatedIds: number[];
}

/** A parcel as it stands (current or retired), with its version. */
export interface StoredParcel {
  id: number;
  properties: ParcelProperties;
  geometry: GeoJSON.MultiPolygon;
  areaM2: number;
  areaMu: number;
  lifecycle: ParcelLifecycle;
  parentIds: number[];
  status: RestorationStatus;
  /** How many events it has had. */
  version: number;
  /** Who recorded the latest event (display name; null for an import) and when. */
  updatedBy: string | null;
  updatedAt: Date;
}

/** One stored event, its attributes keyed by column name. */
export interface ParcelEventRow {
  id: number;
  kind: ParcelEventKind;
  note: string | null;
  recordedBy: string | null;
  recordedAt: Date;
  relatedIds: number[];
  geometryVersion: number;
  attributes: Record<string, unknown>;
}

/** A progress record as split and merge carry it over (the ledger of one parcel, oldest first). */
export interface CarriedRecordSource {
  id: number;
  parcelId: number;
  recordedOn: string;
  status: RestorationStatus;
  doneMu: number;
  note: string | null;
  reason: string | null;
  photoId: number | null;
}

/** A progress record made from others (a split's share of one, a merge's sum of several). */
export interface CarriedRecord {
  recordedOn: string;
  status: RestorationStatus;
  doneMu: number;
  note: string;
  reason: string | null;
  photoId: number | null;
  carriedFrom: number[];
}

/** A piece of a split or merge in the database's own binary form (exact: no decimal round trip), with its area. */
export interface StoredShape {
  wkbHex: string;
  areaM2: number;
}

/** Column of each attribute a write may set. */
export const PARCEL_COLUMNS: Record<Exclude<keyof ParcelProperties, 'township'>, string> = {
  code: 'code',
  name: 'name',
  mineCategory: 'mine_category',
  townshipCode: 'township_code',
  plannedYear: 'planned_year',
  method: 'method',
  miningRightId: 'mining_right_id',
};

const AREA_M2 = 'ST_Area(p.geom::geography)::float8';
const LATEST_STATUS = `coalesce((SELECT r.status FROM restoration_progress r WHERE r.parcel_id = p.id
  ORDER BY r.recorded_on DESC, r.id DESC LIMIT 1), 'planned')`;
const VERSION = '(SELECT count(*) FROM parcel_events e WHERE e.parcel_id = p.id)::int';
const FROM_WKB = `ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(?, 'hex')), 4490))`;

/** The register's columns of parcels `p` (township name from `a`). */
const PARCEL_SELECT = `p.id, p.code, p.name, p.mine_category AS "mineCategory", p.township_code AS "townshipCode",
  a.name AS township, p.planned_year AS "plannedYear", p.method, p.mining_right_id AS "miningRightId",
  round((${AREA_M2} * 15 / 10000)::numeric, 2)::float8 AS "areaMu", p.lifecycle, ${LATEST_STATUS} AS status, ${VERSION} AS version`;

type RegisterRow = ParcelRegisterRow & { areaM2?: number };

/** SQL of the restoration parcel register: parcels with their history, lineage and the shapes of a split or merge. */
export function createParcelsRepository(knex: Knex) {
  async function read(db: Knex, ids: number[], lock: boolean): Promise<StoredParcel[]> {
    if (ids.length === 0) return [];
    const rows = await db.raw(
      `SELECT ${PARCEL_SELECT}, ${AREA_M2} AS "areaM2", ST_AsGeoJSON(p.geom, 9, 0) AS geometry, p.parent_ids AS "parentIds",
              last.recorded_at AS "updatedAt", u.display_name AS "updatedBy"
         FROM restoration_parcels p JOIN admin_areas a ON a.admin_code = p.township_code
         LEFT JOIN LATERAL (SELECT e.recorded_at, e.recorded_by FROM parcel_events e WHERE e.parcel_id = p.id ORDER BY e.id DESC LIMIT 1) last ON true
         LEFT JOIN users u ON u.id = last.recorded_by
        WHERE p.id = ANY(?::int[]) ORDER BY p.id ${lock ? 'FOR UPDATE OF p' : ''}`,
      [ids],
    );
    return rows.rows.map((row: Record<string, unknown>) => {
      const { id, areaM2, areaMu, geometry, lifecycle, parentIds, status, version, updatedAt, updatedBy, ...properties } = row;
      return {
        id: Number(id),
        properties: properties as unknown as ParcelProperties,
        geometry: JSON.parse(String(geometry)),
        areaM2: Number(areaM2),
        areaMu: Number(areaMu),
        lifecycle: lifecycle as ParcelLifecycle,
        parentIds: ((parentIds as number[] | null) ?? []).map(Number),
        status: status as RestorationStatus,
        version: Number(version),
        updatedBy: (updatedBy as string | null) ?? null,
        updatedAt: updatedAt as Date,
      };
    });
  }

  return {
    /** The parcels with these ids (current or retired), in id order, locked until `trx` ends. */
    lock: (ids: number[], trx: Knex) => read(trx, [...ids].sort((a, b) => a - b), true),

    /** One parcel as it stands (current or retired); undefined when there is none. */
    async get(id: number, db: Knex = knex): Promise<StoredParcel | undefined> {
      return (await read(db, [id], false))[0];
    },

    /** The register: parcels filtered by a part of their code or name, township and lifecycle (current by default). */
    async list(query: ParcelRegisterQuery, db: Knex = knex): Promise<ParcelRegisterRow[]> {
      const lifecycle = query.lifecycle ?? 'current';
      const rows = await db.raw(
        `SELECT ${PARCEL_SELECT} FROM restoration_parcels p JOIN admin_areas a ON a.admin_code = p.township_code
          WHERE (?::text = 'all' OR p.lifecycle = ?::text)
            AND (?::text IS NULL OR p.township_code = ?::text)
            AND (?::text IS NULL OR strpos(lower(p.code), lower(?::text)) > 0 OR strpos(p.name, ?::text) > 0)
          ORDER BY p.planned_year, p.code, p.id`,
        [lifecycle, lifecycle, query.township ?? null, query.township ?? null, query.q ?? null, query.q ?? null, query.q ?? null],
      );
      return rows.rows.map(({ areaM2: _a, ...row }: RegisterRow) => ({ ...row, miningRightId: row.miningRightId === null ? null : Number(row.miningRightId) }));
    },

    /** Every event of a parcel, oldest first. */
    async events(id: number, db: Knex = knex): Promise<ParcelEventRow[]> {
      return db('parcel_events as e')
        .leftJoin('users as u', 'u.id', 'e.recorded_by')
        .where('e.parcel_id', id)
        .orderBy('e.id')
        .select('e.id', 'e.kind', 'e.note', 'u.display_name as recordedBy', 'e.recorded_at as recordedAt', 'e.related_ids as relatedIds', 'e.geometry_version as geometryVersion', 'e.attributes');
    },

    /** Codes of parcels by id (any lifecycle). */
    async codes(ids: number[], db: Knex = knex): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db('restoration_parcels').whereIn('id', ids).select('id', 'code');
      return new Map(rows.map((row: { id: number; code: string }) => [Number(row.id), row.code]));
    },

    /** Ids of the parcels that name `id` as a parent, in id order. */
    async successorIds(id: number, db: Knex = knex): Promise<number[]> {
      const rows = await db.raw('SELECT id FROM restoration_parcels WHERE ? = ANY(parent_ids) ORDER BY id', [id]);
      return rows.rows.map((row: { id: number }) => Number(row.id));
    },

    /** Whether any parcel, current or retired, has the code (codes identify parcels for ever). */
    async codeTaken(code: string, trx: Knex): Promise<boolean> {
      return Boolean(await trx('restoration_parcels').where({ code }).first('id'));
    },

    /** Which of these codes belong to retired parcels (an import must not bring them back as new parcels). */
    async retiredCodes(codes: string[], db: Knex = knex): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await db('restoration_parcels').where({ lifecycle: 'retired' }).whereIn('code', codes).pluck('code');
      return new Set(rows as string[]);
    },

    /** Whether the mining right exists. */
    async miningRightExists(id: number, trx: Knex): Promise<boolean> {
      return Boolean(await trx('mining_rights').where({ id }).first('id'));
    },

    /** The township whose polygon holds most of the boundary; null when it meets none. */
    async townshipOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, trx: Knex): Promise<string | null> {
      const json = JSON.stringify(geometry);
      const rows = await trx.raw(mostOverlappedTownship('ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)'), [json, json]);
      return (rows.rows[0]?.admin_code as string | undefined) ?? null;
    },

    /** Tells the history trigger, for the rest of `trx` or until told again, what the next change of a parcel is. */
    async describeChange(context: ParcelEventContext, trx: Knex): Promise<void> {
      await trx.raw(`SELECT set_config('mpm.parcel_event', ?, true)`, [JSON.stringify(context)]);
    },

    /**
     * Inserts a parcel: attributes by column, its boundary as GeoJSON or as a stored shape; returns its id.
     * `parentIds`: the parcels it was split or merged from.
     */
    async insert(columns: Record<string, unknown>, boundary: GeoJSON.Geometry | StoredShape, parentIds: number[], trx: Knex): Promise<number> {
      const geom =
        'wkbHex' in boundary
          ? trx.raw(FROM_WKB, [boundary.wkbHex])
          : trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(boundary)]);
      const [row] = await trx('restoration_parcels')
        .insert({ ...columns, geom, parent_ids: trx.raw('?::int[]', [parentIds]) })
        .returning('id');
      return Number((row as { id: number }).id);
    },

    /** Writes the columns given (and the boundary, when given) on a parcel. */
    async update(id: number, columns: Record<string, unknown>, geometry: GeoJSON.Geometry | undefined, trx: Knex): Promise<void> {
      const values: Record<string, unknown> = { ...columns, updated_at: trx.fn.now() };
      if (geometry) values.geom = trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(geometry)]);
      await trx('restoration_parcels').where({ id }).update(values);
    },

    /** Retires a parcel: it stays, with its progress records, as history. */
    async retire(id: number, trx: Knex): Promise<void> {
      await trx('restoration_parcels').where({ id }).update({ lifecycle: 'retired', updated_at: trx.fn.now() });
    },

    /**
     * The parts of a parcel cut along `line` (GeoJSON LineString), each with its area and a point
     * inside it, from west to east (then north to south), and the parcel's own area.
     */
    async cut(id: number, line: GeoJSON.LineString, trx: Knex): Promise<{ parentAreaM2: number; parts: StoredShape[] }> {
      const rows = await trx.raw(
        `WITH parcel AS (SELECT geom FROM restoration_parcels WHERE id = ?),
              part AS (SELECT (ST_Dump(ST_Split(parcel.geom, ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)))).geom AS geom FROM parcel)
         SELECT encode(ST_AsBinary(part.geom), 'hex') AS "wkbHex", ST_Area(part.geom::geography)::float8 AS "areaM2",
                (SELECT ST_Area(geom::geography)::float8 FROM parcel) AS "parentAreaM2"
           FROM part ORDER BY ST_X(ST_PointOnSurface(part.geom)), ST_Y(ST_PointOnSurface(part.geom)) DESC`,
        [id, JSON.stringify(line)],
      );
      const parts = rows.rows as (StoredShape & { parentAreaM2: number })[];
      return { parentAreaM2: Number(parts[0]?.parentAreaM2 ?? 0), parts: parts.map(({ wkbHex, areaM2 }) => ({ wkbHex, areaM2: Number(areaM2) })) };
    },

    /**
     * The union of parcels, the number of pieces it falls into (1 when they are adjacent), their
     * areas added up, and the area where any two of them overlap.
     */
    async union(ids: number[], trx: Knex): Promise<{ shape: StoredShape; pieces: number; sumM2: number; overlapM2: number }> {
      const rows = await trx.raw(
        `WITH parcel AS (SELECT id, geom FROM restoration_parcels WHERE id = ANY(?::int[])),
              joined AS (SELECT ST_Union(geom) AS geom FROM parcel)
         SELECT encode(ST_AsBinary(joined.geom), 'hex') AS "wkbHex", ST_Area(joined.geom::geography)::float8 AS "areaM2",
                ST_NumGeometries(ST_Multi(joined.geom)) AS pieces,
                (SELECT sum(ST_Area(geom::geography))::float8 FROM parcel) AS "sumM2",
                (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)::float8
                   FROM parcel a JOIN parcel b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)) AS "overlapM2"
           FROM joined`,
        [ids],
      );
      const row = rows.rows[0];
      return {
        shape: { wkbHex: row.wkbHex, areaM2: Number(row.areaM2) },
        pieces: Number(row.pieces),
        sumM2: Number(row.sumM2),
        overlapM2: Number(row.overlapM2),
      };
    },

    /** The progress records of parcels, oldest first (by day, then as appended). */
    async progress(ids: number[], trx: Knex): Promise<CarriedRecordSource[]> {
      const rows = await trx('restoration_progress')
        .whereIn('parcel_id', ids)
        .orderBy([{ column: 'recorded_on' }, { column: 'id' }])
        .select(
          'id',
          'parcel_id AS parcelId',
          trx.raw(`to_char(recorded_on, 'YYYY-MM-DD') AS "recordedOn"`),
          'status',
          trx.raw('done_mu::float8 AS "doneMu"'),
          'note',
          'reason',
          'photo_id AS photoId',
        );
      return rows.map((row: CarriedRecordSource) => ({ ...row, id: Number(row.id), parcelId: Number(row.parcelId) }));
    },

    /** Appends records carried over to a new parcel, in order, by the user who split or merged. */
    async appendCarried(parcelId: number, records: CarriedRecord[], userId: number, trx: Knex): Promise<void> {
      for (const record of records) {
        await trx('restoration_progress').insert({
          parcel_id: parcelId,
          recorded_on: record.recordedOn,
          status: record.status,
          done_mu: record.doneMu,
          note: record.note,
          reason: record.reason,
          photo_id: record.photoId,
          recorded_by: userId,
          carried_from: trx.raw('?::int[]', [record.carriedFrom]),
        });
      }
    },
  };
}

export type ParcelsRepository = ReturnType<typeof createParcelsRepository>;
