import type { Knex } from 'knex';
import { getLayer, type CollectionId, type TermKey } from '@mpm/domain';
import type { LayerRevision } from '@mpm/contracts';
import { LAYER_TABLES, columnName } from '../layers/layer-tables.ts';
import { mostOverlappedTownship, type FeatureInput, type LayerFeature } from '../layers/layers-repository.ts';

/** A previewed import as stored until it is committed. */
export interface StoredImport {
  id: string;
  layer: CollectionId;
  userId: number;
  fileName: string;
  fileSizeBytes: number;
  fileSha256: string;
  mode: 'replace' | 'upsert';
  preview: unknown;
  features: FeatureInput[];
  committedRevision: number | null;
}

/** What the database says of each feature's geometry: GEOS's reason when invalid, and whether it lies outside the county. */
export interface GeometryCheck {
  index: number;
  invalidReason: string | null;
  outsideCounty: boolean;
  areaM2: number;
  /** `[west, south, east, north]` in degrees. */
  box: [number, number, number, number];
}

/** A new revision of a layer, as recorded. */
export interface NewRevision {
  layer: CollectionId;
  revision: number;
  kind: 'import' | 'restore' | 'edit';
  userId: number;
  /** An edit's feature and what was done to it (see `LayerRevision.edit`). */
  edit?: NonNullable<LayerRevision['edit']>;
  fileName?: string;
  fileSizeBytes?: number;
  fileSha256?: string;
  mode?: string;
  restoredRevision?: number;
  counts: { added: number; changed: number; removed: number };
  beforeFeatures: LayerFeature[];
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/** SQL of imports: staged previews, geometry checks, the layer revisions and a layer's rows by key. */
export function createImportsRepository(knex: Knex) {
  /** A collection's rows (its table, restricted to its fixed column values), alias-free. */
  const rows = (db: Knex, collection: CollectionId) => db(LAYER_TABLES[collection].table).where(LAYER_TABLES[collection].fixed);

  return {
    /**
     * Each geometry checked by PostGIS: GEOS's reason and place when it is invalid (never
     * repaired), whether it lies wholly outside the county (when one is loaded), and its
     * ellipsoidal area.
     */
    async checkGeometries(geometries: GeoJSON.Geometry[]): Promise<GeometryCheck[]> {
      if (geometries.length === 0) return [];
      const result = await knex.raw(
        `WITH input AS (
           SELECT (i - 1)::int AS index, ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4490) AS geom
             FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(g, i)),
         county AS (SELECT ST_Union(geom) AS geom FROM admin_areas WHERE level = 'county')
         SELECT input.index,
                CASE WHEN ST_IsValid(input.geom) THEN NULL ELSE ST_IsValidReason(input.geom) END AS "invalidReason",
                coalesce(county.geom IS NOT NULL AND NOT ST_Intersects(input.geom, county.geom), false) AS "outsideCounty",
                CASE WHEN ST_IsValid(input.geom) THEN ST_Area(input.geom::geography) ELSE 0 END AS "areaM2",
                ST_XMin(input.geom) AS west, ST_YMin(input.geom) AS south, ST_XMax(input.geom) AS east, ST_YMax(input.geom) AS north
           FROM input LEFT JOIN county ON true ORDER BY input.index`,
        [JSON.stringify(geometries)],
      );
      return result.rows.map((row: Record<string, unknown>) => ({
        index: Number(row.index),
        invalidReason: row.invalidReason as string | null,
        outsideCounty: Boolean(row.outsideCounty),
        areaM2: Number(row.areaM2),
        box: [Number(row.west), Number(row.south), Number(row.east), Number(row.north)],
      }));
    },

    /**
     * For each geometry, the township whose polygon holds most of it (as a parcel's is derived
     * when it is written: {@link mostOverlappedTownship}), or null when it meets none.
     */
    async townshipsOf(geometries: GeoJSON.Geometry[]): Promise<({ code: string; name: string } | null)[]> {
      if (geometries.length === 0) return [];
      const result = await knex.raw(
        `WITH input AS (
           SELECT (i - 1)::int AS index, ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4490) AS geom
             FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(g, i))
         SELECT input.index, t.code, t.name
           FROM input LEFT JOIN LATERAL (${mostOverlappedTownship('input.geom', 'a.admin_code AS code, a.name')}) t ON true
          ORDER BY input.index`,
        [JSON.stringify(geometries)],
      );
      return result.rows.map((row: { code: string | null; name: string | null }) => (row.code === null ? null : { code: row.code, name: row.name! }));
    },

    /** The county's townships, name → code. */
    async townshipCodes(): Promise<Map<string, string>> {
      const rows = await knex('admin_areas').where({ level: 'township' }).select('name', 'admin_code');
      return new Map(rows.map((row: { name: string; admin_code: string }) => [row.name, row.admin_code]));
    },

    /**
     * The fields a new feature of the collection must have: its table's NOT NULL columns without a
     * default (the migrations say which, once), as field keys.
     */
    async requiredFields(collection: CollectionId, db: Knex = knex): Promise<TermKey[]> {
      const layer = LAYER_TABLES[collection];
      const found = await db('information_schema.columns')
        .where({ table_name: layer.table, is_nullable: 'NO' })
        .whereNull('column_default')
        .pluck('column_name');
      return getLayer(collection)
        .fields.filter((f) => !f.computed && !layer.expressions?.[f.key] && found.includes(columnName(f.key)))
        .map((f) => f.key);
    },

    /** The ids of a collection's rows by the value of their key field. */
    async keyedIds(collection: CollectionId, key: TermKey, db: Knex = knex): Promise<Map<string, number>> {
      const found = await rows(db, collection).select('id', `${columnName(key)} as key`);
      return new Map(found.map((row: { id: number; key: unknown }) => [String(row.key), Number(row.id)]));
    },

    /** How many rows a collection has. */
    async count(collection: CollectionId, db: Knex = knex): Promise<number> {
      const [{ n }] = await rows(db, collection).count<{ n: string }[]>({ n: '*' });
      return Number(n);
    },

    async insertImport(record: Omit<StoredImport, 'committedRevision'>): Promise<void> {
      await knex('imports').insert({
        id: record.id,
        layer_id: record.layer,
        user_id: record.userId,
        file_name: record.fileName,
        file_size: record.fileSizeBytes,
        file_sha256: record.fileSha256,
        mode: record.mode,
        preview: JSON.stringify(record.preview),
        features: JSON.stringify(record.features),
      });
    },

    /** A previewed import, locked until the transaction ends. */
    async lockImport(id: string, trx: Knex): Promise<StoredImport | undefined> {
      const row = await trx('imports').where({ id }).forUpdate().first();
      if (!row) return undefined;
      return {
        id: row.id,
        layer: row.layer_id,
        userId: row.user_id,
        fileName: row.file_name,
        fileSizeBytes: Number(row.file_size),
        fileSha256: row.file_sha256,
        mode: row.mode,
        preview: json(row.preview),
        features: json(row.features),
        committedRevision: row.committed_revision,
      };
    },

    /** A previewed import as stored, or undefined. */
    async storedImport(id: string): Promise<Pick<StoredImport, 'preview' | 'features'> | undefined> {
      const row = await knex('imports').where({ id }).first('preview', 'features');
      return row && { preview: json(row.preview), features: json(row.features) };
    },

    async markCommitted(id: string, revision: number, trx: Knex): Promise<void> {
      await trx('imports').where({ id }).update({ committed_revision: revision });
    },

    /**
     * The mapping saved for the layer whose source columns are all among `columns` (the same file
     * layout, or one with more columns): the one of most columns, the latest of those.
     */
    async savedMapping(collection: CollectionId, columns: readonly string[]): Promise<Record<string, string | null> | undefined> {
      const found = await knex('import_mappings').where({ layer_id: collection }).orderBy('saved_at', 'desc').select('columns', 'mapping');
      const present = new Set(columns);
      const fitting = found
        .map((row: { columns: unknown; mapping: unknown }) => ({ columns: json(row.columns) as string[], mapping: json(row.mapping) }))
        .filter((row) => row.columns.every((column) => present.has(column)));
      fitting.sort((a, b) => b.columns.length - a.columns.length);
      return fitting[0]?.mapping;
    },

    /** Saves the mapping an import used for the layer and its source columns, over any saved before. */
    async saveMapping(collection: CollectionId, mapping: Record<string, string | null>, userId: number, trx: Knex): Promise<void> {
      const columns = Object.keys(mapping).sort();
      const values = { columns: JSON.stringify(columns), mapping: JSON.stringify(mapping), user_id: userId, saved_at: trx.fn.now() };
      await trx('import_mappings')
        .insert({ layer_id: collection, columns_key: JSON.stringify(columns), ...values })
        .onConflict(['layer_id', 'columns_key'])
        .merge(Object.keys(values));
    },

    /** The layer's latest revision number (0 before any), locking the layer's revisions against a second writer. */
    async lockLatestRevision(collection: CollectionId, trx: Knex): Promise<number> {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`layer:${collection}`]);
      const row = await trx('layer_revisions').where({ layer_id: collection }).max<{ max: number | null }[]>('revision as max');
      return Number(row[0]?.max ?? 0);
    },

    async insertRevision(revision: NewRevision, trx: Knex): Promise<void> {
      await trx('layer_revisions').insert({
        layer_id: revision.layer,
        revision: revision.revision,
        kind: revision.kind,
        user_id: revision.userId,
        file_name: revision.fileName ?? null,
        file_size: revision.fileSizeBytes ?? null,
        file_sha256: revision.fileSha256 ?? null,
        mode: revision.mode ?? null,
        restored_revision: revision.restoredRevision ?? null,
        added: revision.counts.added,
        changed: revision.counts.changed,
        removed: revision.counts.removed,
        before_features: JSON.stringify(revision.beforeFeatures),
        feature_id: revision.edit?.featureId ?? null,
        edit: revision.edit ? JSON.stringify(revision.edit) : null,
      });
    },

    /** A layer's revisions, newest first. */
    async revisions(collection: CollectionId, db: Knex = knex): Promise<LayerRevision[]> {
      const found = await db('layer_revisions as r')
        .leftJoin('users as u', 'u.id', 'r.user_id')
        .where('r.layer_id', collection)
        .orderBy('r.revision', 'desc')
        .select(
          'r.revision',
          'r.kind',
          'u.display_name as by',
          'r.at',
          'r.file_name as fileName',
          'r.file_size as fileSizeBytes',
          'r.file_sha256 as fileSha256',
          'r.mode',
          'r.restored_revision as restoredRevision',
          'r.added',
          'r.changed',
          'r.removed',
          'r.edit',
        );
      return found.map((row: LayerRevision & { at: Date; fileSizeBytes: string | null }) => ({
        ...row,
        edit: json(row.edit) ?? null,
        at: new Date(row.at).toISOString(),
        fileSizeBytes: row.fileSizeBytes === null ? null : Number(row.fileSizeBytes),
      }));
    },

    /**
     * The layer's features as they stood before `revision` (undefined: no such revision). An
     * import or a restore keeps the whole layer before it; an edit keeps only its feature as it
     * was (nothing for an added one), so the layer before an edit is rebuilt: from the next
     * revision that kept the whole layer (or the layer as it stands, `current`, when none did),
     * each edit since undone, newest first. (An edit that kept more than its feature, as edits
     * did before, counts as whole.)
     */
    async featuresBefore(
      collection: CollectionId,
      revision: number,
      current: () => Promise<LayerFeature[]>,
      db: Knex = knex,
    ): Promise<LayerFeature[] | undefined> {
      type Kept = { revision: number; whole: boolean; featureId: number | null };
      const kept = (await db('layer_revisions')
        .where({ layer_id: collection })
        .where('revision', '>=', revision)
        .orderBy('revision')
        .select(
          'revision',
          'feature_id as featureId',
          db.raw(`(kind <> 'edit' OR jsonb_array_length(before_features) > 1) AS whole`),
        )) as Kept[];
      if (kept.length === 0 || kept[0].revision !== revision) return undefined;
      const whole = kept.find((k) => k.whole);
      const keptFeatures = async (r: number) =>
        json((await db('layer_revisions').where({ layer_id: collection, revision: r }).first('before_features')).before_features) as LayerFeature[];
      const start = whole ? await keptFeatures(whole.revision) : await current();
      const layer = new Map(start.map((f) => [f.id, f]));
      for (const edit of kept.filter((k) => k.revision < (whole?.revision ?? Infinity)).reverse()) {
        if (edit.featureId !== null) layer.delete(edit.featureId);
        for (const before of await keptFeatures(edit.revision)) layer.set(before.id, before);
      }
      return [...layer.values()].sort((a, b) => a.id - b.id);
    },
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
