import type { Knex } from 'knex';
import { getLayer, type EditableLayer, type TermKey } from '@mpm/domain';
import type { EditableFeature } from '@mpm/contracts';
import { LAYER_TABLES, columnName, fieldExpression } from '../layers/layer-tables.ts';
import { columnsOf, type BBox, type FeatureInput } from '../layers/layers-repository.ts';

/** SQL of the feature editor: an editable layer's features with their versions, and one feature's writes. */
export function createLayerEditsRepository(knex: Knex) {
  /**
   * The layer's features (alias `t`) with every stored field, the boundary to 9 decimals of a
   * degree, and each one's version: the latest revision of the layer that wrote it, or wrote the
   * whole layer (an import, a restore), with who and when; 0 when none has since set-up.
   */
  function editable(db: Knex, layer: EditableLayer) {
    const table = LAYER_TABLES[layer];
    const fields = getLayer(layer).fields.filter((f) => !f.computed);
    const query = db({ t: table.table })
      .joinRaw(
        `LEFT JOIN LATERAL (SELECT lr.revision, lr.user_id, lr.at FROM layer_revisions lr
           WHERE lr.layer_id = ? AND (lr.feature_id = t.id OR lr.feature_id IS NULL)
           ORDER BY lr.revision DESC LIMIT 1) r ON true`,
        [layer],
      )
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .select(
        't.id',
        db.raw('ST_AsGeoJSON(t.geom, 9, 0) AS geometry'),
        db.raw('coalesce(r.revision, 0) AS version'),
        'u.display_name as updatedBy',
        'r.at as updatedAt',
        ...fields.map((field) => db.raw(`${fieldExpression(table, field)} AS ??`, [field.key])),
      )
      .orderBy('t.id');
    for (const [column, value] of Object.entries(table.fixed)) query.where(`t.${column}`, value);
    return { query, fields };
  }

  const toFeature = (fields: { key: string }[]) => (row: Record<string, unknown>): EditableFeature => ({
    type: 'Feature',
    id: Number(row.id),
    geometry: JSON.parse(String(row.geometry)),
    properties: Object.fromEntries(fields.map((f) => [f.key, row[f.key] ?? null])),
    version: Number(row.version),
    updatedBy: (row.updatedBy as string | null) ?? null,
    updatedAt: row.updatedAt ? new Date(row.updatedAt as string).toISOString() : null,
  });

  return {
    /** The layer's features meeting `bbox` (all without one), in id order. */
    async features(layer: EditableLayer, bbox?: BBox): Promise<EditableFeature[]> {
      const { query, fields } = editable(knex, layer);
      if (bbox) query.whereRaw('ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))', bbox);
      return (await query).map(toFeature(fields));
    },

    /** One feature of the layer, or undefined; in a write, locked until `db`'s transaction ends. */
    async feature(layer: EditableLayer, id: number, db: Knex = knex, lock = false): Promise<EditableFeature | undefined> {
      const { query, fields } = editable(db, layer);
      query.where('t.id', id);
      if (lock) query.forUpdate('t');
      const [row] = await query;
      return row ? toFeature(fields)(row) : undefined;
    },

    /** Whether another feature of the layer than `exceptId` has `value` in its key field (a block's code). */
    async keyTaken(layer: EditableLayer, key: TermKey, value: unknown, exceptId: number | null, trx: Knex): Promise<boolean> {
      // Codes are unique across the table (mining and exploration blocks share one).
      const query = trx(LAYER_TABLES[layer].table).where(columnName(key), String(value));
      if (exceptId !== null) query.whereNot('id', exceptId);
      return Boolean(await query.first('id'));
    },

    /** Inserts a feature; returns its id. */
    async insert(layer: EditableLayer, feature: FeatureInput, trx: Knex): Promise<number> {
      const [row] = await trx(LAYER_TABLES[layer].table).insert(columnsOf(trx, layer, feature)).returning('id');
      return Number(row.id);
    },

    /** Changes the columns `properties` names and, when given, the boundary, of feature `id`. */
    async update(layer: EditableLayer, id: number, change: { properties: Record<string, unknown>; geometry?: GeoJSON.Geometry }, trx: Knex): Promise<void> {
      const values: Record<string, unknown> = Object.fromEntries(Object.entries(change.properties).map(([key, value]) => [columnName(key), value]));
      if (change.geometry) values.geom = trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(change.geometry)]);
      if (Object.keys(values).length > 0) await trx(LAYER_TABLES[layer].table).where({ id }).update(values);
    },
  };
}

export type LayerEditsRepository = ReturnType<typeof createLayerEditsRepository>;
