import type { Knex } from 'knex';
import { getLayer, type LicenceEventKind, type RightCollection } from '@mpm/domain';
import { columnsOf, type FeatureInput } from '../layers/layers-repository.ts';
import { LAYER_TABLES, columnName, fieldExpression } from '../layers/layer-tables.ts';
import { licenceStateSql } from '../inspection/rights-repository.ts';

/** What the register's write module tells the history trigger about the change it makes. */
export interface EventContext {
  kind: LicenceEventKind;
  effectiveOn: string;
  documentNo: string | null;
  note: string | null;
  recordedBy: number;
}

/** A right as it stands, locked for a change: its fields keyed as in the catalogue, and its version. */
export interface LockedRight {
  collection: RightCollection;
  id: number;
  properties: Record<string, unknown>;
  geometry: GeoJSON.MultiPolygon;
  /** How many events it has had. */
  version: number;
  /** Who recorded the latest event (display name; null for an import) and when. */
  updatedBy: string | null;
  updatedAt: Date;
  /** The latest event's effective day. */
  latestEffectiveOn: string;
}

/** One stored event, its attributes keyed by column name. */
export interface EventRow {
  id: number;
  kind: LicenceEventKind;
  effectiveOn: string;
  documentNo: string | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: Date;
  geometryVersion: number;
  attributes: Record<string, unknown>;
  geometry: GeoJSON.MultiPolygon;
  areaM2: number;
}

/** The catalogue's stored fields of a register (what a right's row holds, computed ones aside). */
export const rightFields = (collection: RightCollection) => getLayer(collection).fields.filter((f) => !f.computed);

/** A catalogue key's value in an event's attributes (numbers stored as numeric come back as numbers). */
export const attributeOf = (attributes: Record<string, unknown>, key: string) => attributes[columnName(key)] ?? null;

/** SQL of the licence register's history and the locks and writes of its acts. */
export function createLicencesRepository(knex: Knex) {
  /** Version, latest recorder and day of one right, from its events. */
  const latest = (db: Knex, collection: RightCollection, id: number) =>
    db('licence_events as e')
      .leftJoin('users as u', 'u.id', 'e.recorded_by')
      .where({ 'e.collection': collection, 'e.right_id': id })
      .orderBy('e.id', 'desc')
      .first(
        'u.display_name as updatedBy',
        'e.recorded_at as updatedAt',
        db.raw(`to_char((SELECT max(m.effective_on) FROM licence_events m WHERE m.collection = ? AND m.right_id = ?), 'YYYY-MM-DD') AS "latestEffectiveOn"`, [collection, id]),
        db.raw('(SELECT count(*) FROM licence_events c WHERE c.collection = ? AND c.right_id = ?)::int AS version', [collection, id]),
      );

  /** The right's fields and boundary as they stand (alias `t`), in `db`. */
  async function current(db: Knex, collection: RightCollection, id: number, lock: boolean) {
    const layer = LAYER_TABLES[collection];
    const query = db({ t: layer.table })
      .where('t.id', id)
      .first(
        db.raw('ST_AsGeoJSON(t.geom, 9, 0) AS geometry'),
        db.raw('ST_Area(t.geom::geography)::float8 AS "areaM2"'),
        ...rightFields(collection).map((field) => db.raw(`${fieldExpression(layer, field)} AS ??`, [field.key])),
      );
    if (lock) query.forUpdate();
    const row = await query;
    if (!row) return undefined;
    const { geometry, areaM2, ...properties } = row as Record<string, unknown>;
    return { properties, geometry: JSON.parse(String(geometry)) as GeoJSON.MultiPolygon, areaM2: Number(areaM2) };
  }

  return {
    /** Locks the right until the transaction ends and reads it with its version; undefined when there is none. */
    async lock(collection: RightCollection, id: number, trx: Knex): Promise<LockedRight | undefined> {
      const row = await current(trx, collection, id, true);
      if (!row) return undefined;
      const stamp = await latest(trx, collection, id);
      return { collection, id, properties: row.properties, geometry: row.geometry, ...stamp };
    },

    /** The right as it stands, with its state on `day`; undefined when there is none. */
    async read(collection: RightCollection, id: number, day: string, expiringWithinDays: number, db: Knex = knex) {
      const row = await current(db, collection, id, false);
      if (!row) return undefined;
      const state = await db
        .select(db.raw('(?) AS state', [licenceStateSql(db, day, expiringWithinDays)]))
        .from(db.raw(`(SELECT valid_to, right_status AS status FROM ?? WHERE id = ?) r`, [LAYER_TABLES[collection].table, id]))
        .first();
      const { version } = await latest(db, collection, id);
      return { ...row, state: String(state.state), version: Number(version) };
    },

    /** Every event of the right, oldest first, each with the boundary it left. */
    async events(collection: RightCollection, id: number, db: Knex = knex): Promise<EventRow[]> {
      const rows = await db('licence_events as e')
        .leftJoin('users as u', 'u.id', 'e.recorded_by')
        .where({ 'e.collection': collection, 'e.right_id': id })
        .orderBy([{ column: 'e.effective_on' }, { column: 'e.id' }])
        .select(
          'e.id',
          'e.kind',
          db.raw(`to_char(e.effective_on, 'YYYY-MM-DD') AS "effectiveOn"`),
          'e.document_no as documentNo',
          'e.note',
          'u.display_name as recordedBy',
          'e.recorded_at as recordedAt',
          'e.geometry_version as geometryVersion',
          'e.attributes',
          db.raw('ST_AsGeoJSON(e.geom, 9, 0) AS geometry'),
          db.raw('ST_Area(e.geom::geography)::float8 AS "areaM2"'),
        );
      return rows.map((row: EventRow & { geometry: string }) => ({ ...row, geometry: JSON.parse(row.geometry) }));
    },

    /** Whether any right, of either register, has the licence number (case and spaces as typed). */
    async licenceNoTaken(licenceNo: string, trx: Knex): Promise<boolean> {
      const result = await trx.raw(
        'SELECT 1 FROM mining_rights WHERE licence_no = ? UNION ALL SELECT 1 FROM exploration_rights WHERE licence_no = ? LIMIT 1',
        [licenceNo, licenceNo],
      );
      return result.rows.length > 0;
    },

    /** Tells the history trigger, for the rest of `trx`, what the coming change of a right is. */
    async describeChange(context: EventContext, trx: Knex): Promise<void> {
      await trx.raw(`SELECT set_config('mpm.licence_event', ?, true)`, [JSON.stringify(context)]);
    },

    /** Inserts a right; returns its id. */
    async insert(collection: RightCollection, feature: FeatureInput, trx: Knex): Promise<number> {
      const [row] = await trx(LAYER_TABLES[collection].table).insert(columnsOf(trx, collection, feature)).returning('id');
      return Number((row as { id: number }).id);
    },

    /** Writes the fields `properties` names (and the boundary, when given) on a right. */
    async update(collection: RightCollection, id: number, properties: Record<string, unknown>, geometry: GeoJSON.Geometry | undefined, trx: Knex) {
      const columns = Object.fromEntries(Object.entries(properties).map(([key, value]) => [columnName(key), value]));
      if (geometry) columns.geom = trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(geometry)]);
      await trx(LAYER_TABLES[collection].table).where({ id }).update({ ...columns, updated_at: trx.fn.now() });
    },
  };
}

export type LicencesRepository = ReturnType<typeof createLicencesRepository>;
