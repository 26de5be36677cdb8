import type { Knex } from 'knex';
import { COLLECTION_IDS, getLayer, type CollectionId, type FieldDef } from '@mpm/domain';
import { storedVersion, type StoredVersion } from '../settings/settings-repository.ts';
import { isRightCollection } from '@mpm/domain';
import { rightTable } from '../inspection/rights-repository.ts';
import { LAYER_TABLES, columnName, fieldExpression } from './layer-tables.ts';

/** [minLon, minLat, maxLon, maxLat] in EPSG:4490. */
export type BBox = [number, number, number, number];

export interface LayerFeature {
  type: 'Feature';
  id: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
}

/**
 * Where a layer's features are read from, as `t`: its table, or for a right collection on a past
 * day `asOf` (`YYYY-MM-DD`), the table as it stood then (from the register's history).
 */
export function layerSource(knex: Knex, collection: CollectionId, asOf?: string): Knex.Raw {
  const { table } = LAYER_TABLES[collection];
  if (asOf === undefined) return knex.raw('?? AS t', [table]);
  if (!isRightCollection(collection)) throw new Error(`${collection} has no history to read as of a day`);
  return knex.raw('? AS t', [rightTable(knex, collection, asOf)]);
}

/** A bbox in EPSG:4490 lon/lat, or an envelope in another CRS (a Gauss–Krüger zone's eastings and northings). */
export type FeatureFilterBox = BBox | { box: BBox; epsg: number };

/**
 * The CRS features are answered in: null for lon/lat as stored (CRS84), else an EPSG code whose
 * authority axis order applies (latitude or northing first).
 */
export type AnswerEpsg = number | null;

export interface FeaturePageQuery {
  bbox?: FeatureFilterBox;
  limit: number;
  offset: number;
  /** The fields the caller may read (see `visibleFields`). */
  fields: readonly FieldDef[];
  epsg?: AnswerEpsg;
  /** Days (China time, inclusive; null: open) the features must be in force during, on layers that have time. */
  during?: { start: string | null; end: string | null };
}

/** The GeoJSON geometry SQL of a feature in `epsg` (see {@link AnswerEpsg}): degrees to 7 decimals, metres to 3. */
function geometryIn(epsg: AnswerEpsg | undefined): string {
  if (epsg === null || epsg === undefined) return 'ST_AsGeoJSON(t.geom, 7, 0)';
  const code = Number(epsg);
  if (code === 4490) return 'ST_AsGeoJSON(ST_FlipCoordinates(t.geom), 7, 0)';
  return `ST_AsGeoJSON(ST_FlipCoordinates(ST_Transform(t.geom, ${code})), 3, 0)`;
}

/** A layer's county setting: whether anonymous callers see it, and which fields they do not get. */
export interface LayerSetting {
  isPublic: boolean;
  hiddenFields: string[];
}

/** A layer's setting as stored: with its version, who saved it and when. */
export interface StoredLayerSetting extends LayerSetting {
  saved: StoredVersion;
}

/** Features loaded from a file: properties keyed as in the catalogue, geometry lon/lat. */
export interface FeatureInput {
  geometry: GeoJSON.Geometry;
  properties: Record<string, unknown>;
  /** The row's id, for a feature put back by a restore (never read from a file). */
  id?: number;
}

/** Rows one INSERT statement writes: few enough to keep its parameters well under PostgreSQL's 65 535. */
const INSERT_BATCH = 500;

/**
 * SQL selecting `columns` of the township (alias `a`) whose polygon holds most of `geometry` (an
 * SQL expression in EPSG:4490), the lower code on a tie; no row when it meets none.
 */
export const mostOverlappedTownship = (geometry: string, columns = 'a.admin_code') =>
  `SELECT ${columns} FROM admin_areas a WHERE a.level = 'township' AND ST_Intersects(a.geom, ${geometry})
    ORDER BY ST_Area(ST_Intersection(a.geom, ${geometry})) DESC, a.admin_code LIMIT 1`;

/**
 * A feature as its table's columns: the fixed values, each property but the derived ones, and the
 * geometry. A restoration parcel given no township code (a file with none, a restore) takes the
 * township that holds most of it.
 */
export function columnsOf(db: Knex, collection: CollectionId, feature: FeatureInput): Record<string, unknown> {
  const layer = LAYER_TABLES[collection];
  const values: Record<string, unknown> = { ...layer.fixed };
  for (const [key, value] of Object.entries(feature.properties)) {
    if (!layer.expressions?.[key]) values[columnName(key)] = value;
  }
  const geometry = JSON.stringify(feature.geometry);
  values.geom = db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [geometry]);
  if (collection === 'restoration_parcels' && (values.township_code === undefined || values.township_code === null)) {
    values.township_code = db.raw(`(${mostOverlappedTownship('ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)')})`, [geometry, geometry]);
  }
  return values;
}

export function createLayersRepository(knex: Knex) {
  /** A query builder over the collection's rows (alias `t`), optionally bounded by a bbox. */
  function rows(collection: CollectionId, bbox?: FeatureFilterBox, db: Knex = knex, asOf?: string) {
    const layer = LAYER_TABLES[collection];
    const query = db.from(layerSource(db, collection, asOf));
    for (const [column, value] of Object.entries(layer.fixed)) query.where(`t.${column}`, value);
    if (Array.isArray(bbox)) {
      query.whereRaw('ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))', bbox);
    } else if (bbox) {
      query.whereRaw('ST_Intersects(t.geom, ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), 4490))', [...bbox.box, bbox.epsg]);
    }
    return query;
  }

  function selectFeatures(
    query: Knex.QueryBuilder,
    collection: CollectionId,
    fields: readonly FieldDef[],
    geometrySql: string,
  ) {
    const layer = LAYER_TABLES[collection];
    const columns = fields.map((field) =>
      knex.raw(`${fieldExpression(layer, field)} AS ??`, [field.key]),
    );
    return query.select('t.id', knex.raw(`${geometrySql} AS geometry`), ...columns);
  }

  /**
   * Every layer's county setting with its version, the catalogue's defaults where the county has
   * set nothing (version 0).
   */
  async function settings(trx: Knex = knex): Promise<Record<CollectionId, StoredLayerSetting>> {
    const rows = await trx('layer_settings as s')
      .leftJoin('users as u', 'u.id', 's.updated_by')
      .select('s.layer_id', 's.is_public', 's.hidden_fields', 's.version', 's.updated_at as updatedAt', 'u.display_name as updatedBy');
    const stored = new Map(rows.map((row) => [row.layer_id as string, row]));
    return Object.fromEntries(
      COLLECTION_IDS.map((id) => {
        const row = stored.get(id);
        const hidden = typeof row?.hidden_fields === 'string' ? JSON.parse(row.hidden_fields) : row?.hidden_fields;
        return [
          id,
          {
            isPublic: row?.is_public == null ? getLayer(id).publicByDefault : Boolean(row.is_public),
            hiddenFields: Array.isArray(hidden) ? hidden.map(String) : [],
            saved: storedVersion(row),
          },
        ];
      }),
    ) as Record<CollectionId, StoredLayerSetting>;
  }

  const toFeature = (row: Record<string, unknown>): LayerFeature => {
    const { id, geometry, ...properties } = row;
    return { type: 'Feature', id: Number(id), geometry: JSON.parse(String(geometry)), properties };
  };

  /** Every collection's feature count and bounding box (absent when it has no features), from one query. */
  async function stats(): Promise<Record<CollectionId, { featureCount: number; bounds?: BBox }>> {
    const parts = COLLECTION_IDS.map((id) =>
      rows(id)
        .select(knex.raw('? AS id', [id]), knex.raw('count(*)::int AS n'), knex.raw('ST_Extent(t.geom)::text AS box'))
        .toQuery(),
    );
    const result = await knex.raw(parts.join(' UNION ALL '));
    const all = {} as Record<CollectionId, { featureCount: number; bounds?: BBox }>;
    for (const row of result.rows as { id: CollectionId; n: number; box: string | null }[]) {
      const numbers = row.box?.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)?.map(Number);
      all[row.id] = { featureCount: Number(row.n), ...(numbers?.length === 4 ? { bounds: numbers as BBox } : {}) };
    }
    return all;
  }

  return {
    stats,

    /** One page of features in id order, and how many match in all. */
    async page(collection: CollectionId, q: FeaturePageQuery) {
      const validity = LAYER_TABLES[collection].validity;
      const matching = () => {
        const query = rows(collection, q.bbox);
        if (validity && q.during?.end) query.where(`t.${validity.from}`, '<=', q.during.end);
        if (validity && q.during?.start) query.where(`t.${validity.to}`, '>=', q.during.start);
        return query;
      };
      const [{ count }] = await matching().count<{ count: string }[]>({ count: '*' });
      const data = await selectFeatures(matching(), collection, q.fields, geometryIn(q.epsg))
        .orderBy('t.id')
        .limit(q.limit)
        .offset(q.offset);
      return { numberMatched: Number(count), features: data.map(toFeature) };
    },

    /**
     * Every feature of a collection (within `bbox`, whose fields equal the values in `equals`, and
     * among `ids`, when given) in id order, for an export: coordinates to 9 decimals of a degree
     * (well under a millimetre).
     */
    async all(collection: CollectionId, q: { bbox?: BBox; fields: readonly FieldDef[]; equals?: [FieldDef, string][]; ids?: number[] }, db: Knex = knex) {
      const query = rows(collection, q.bbox, db);
      if (q.ids) query.whereIn('t.id', q.ids);
      for (const [field, value] of q.equals ?? []) {
        query.whereRaw(`(${fieldExpression(LAYER_TABLES[collection], field)})::text = ?`, [value]);
      }
      const data = await selectFeatures(query, collection, q.fields, 'ST_AsGeoJSON(t.geom, 9, 0)').orderBy('t.id');
      return data.map(toFeature);
    },

    /** One feature by id, or null when the collection has no such feature. */
    async get(collection: CollectionId, id: number, fields: readonly FieldDef[], epsg?: AnswerEpsg) {
      const row = await selectFeatures(rows(collection), collection, fields, geometryIn(epsg))
        .where('t.id', id)
        .first();
      return row ? toFeature(row) : null;
    },

    /** One feature's geometry as stored, to 9 decimals of a degree (well under a millimetre), or null. */
    async geometry(collection: CollectionId, id: number): Promise<GeoJSON.Geometry | null> {
      const row = await rows(collection).where('t.id', id).first(knex.raw('ST_AsGeoJSON(t.geom, 9, 0) AS geometry'));
      return row ? JSON.parse(String(row.geometry)) : null;
    },

    /**
     * Features for one map tile: clipped to `bbox` (the tile with its buffer) and simplified by
     * `toleranceDeg`, so low zooms and large polygons stay small.
     */
    async forTile(collection: CollectionId, bbox: BBox, toleranceDeg: number, fields: readonly FieldDef[], asOf?: string) {
      const envelope = `ST_MakeEnvelope(${bbox.map(Number).join(', ')}, 4490)`;
      const geometry =
        `ST_AsGeoJSON(ST_ClipByBox2D(ST_SimplifyPreserveTopology(t.geom, ${Number(toleranceDeg)}), ` +
        `${envelope}), 7, 0)`;
      const data = await selectFeatures(rows(collection, bbox, knex, asOf), collection, fields, geometry).orderBy('t.id');
      return data.map(toFeature).filter((f: LayerFeature) => f.geometry !== null);
    },

    /** Bounding box of every collection that has features, from one query. */
    async extents(): Promise<Partial<Record<CollectionId, BBox>>> {
      const all = await stats();
      return Object.fromEntries(
        Object.entries(all).flatMap(([id, s]) => (s.bounds ? [[id, s.bounds]] : [])),
      ) as Partial<Record<CollectionId, BBox>>;
    },

    /**
     * Inserts features into a collection's table, {@link INSERT_BATCH} rows a statement (rows of
     * one statement share their columns); a feature with an `id` (a restore's) keeps it.
     * Properties the table derives (its `expressions`, e.g. a parcel's status from its progress
     * records) are not columns and are left out.
     */
    async insert(collection: CollectionId, features: FeatureInput[], trx: Knex = knex) {
      const groups = new Map<string, Record<string, unknown>[]>();
      for (const feature of features) {
        const row = { ...columnsOf(trx, collection, feature), ...(feature.id !== undefined && { id: feature.id }) };
        const key = Object.keys(row).sort().join(',');
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const rows of groups.values()) {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) await trx(LAYER_TABLES[collection].table).insert(rows.slice(i, i + INSERT_BATCH));
      }
    },

    /** Replaces the columns a feature's properties name, and its geometry, on the row `id`. */
    async update(collection: CollectionId, id: number, feature: FeatureInput, trx: Knex) {
      await trx(LAYER_TABLES[collection].table).where({ id }).update(columnsOf(trx, collection, feature));
    },

    /** Removes rows by id, or every row of the collection when `ids` is omitted; returns how many. */
    async remove(collection: CollectionId, trx: Knex, ids?: number[]): Promise<number> {
      const query = trx(LAYER_TABLES[collection].table).where(LAYER_TABLES[collection].fixed);
      if (ids) query.whereIn('id', ids);
      return (await query.delete().returning('id')).length;
    },

    settings,

    /** Whether anonymous users may see each layer (the county's per-layer setting). */
    async publicLayers(): Promise<Set<CollectionId>> {
      const current = await settings();
      return new Set(COLLECTION_IDS.filter((id) => current[id].isPublic));
    },

    /**
     * Holds a layer's setting until `trx` ends, even while it has no row yet, so two saves based
     * on one version cannot both pass. Call before reading the setting a write is based on.
     */
    async lockSetting(collection: CollectionId, trx: Knex): Promise<void> {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`layer_settings:${collection}`]);
    },

    /** Changes a layer's setting (members left out keep their value) and counts a new version of it. */
    async saveSetting(collection: CollectionId, change: Partial<LayerSetting>, userId: number | null, trx: Knex = knex) {
      const values: Record<string, unknown> = { layer_id: collection, updated_at: trx.fn.now(), updated_by: userId };
      if (change.isPublic !== undefined) values.is_public = change.isPublic;
      if (change.hiddenFields !== undefined) values.hidden_fields = JSON.stringify(change.hiddenFields);
      await trx('layer_settings')
        .insert(values)
        .onConflict('layer_id')
        .merge({
          ...Object.fromEntries(Object.keys(values).filter((key) => key !== 'layer_id').map((key) => [key, trx.raw('EXCLUDED.??', [key])])),
          version: trx.raw('layer_settings.version + 1'),
        });
    },

    /** True before any layer data has been loaded. */
    async isEmpty(trx: Knex = knex): Promise<boolean> {
      const row = await trx('admin_areas').first('id');
      return !row;
    },
  };
}

export type LayersRepository = ReturnType<typeof createLayersRepository>;
