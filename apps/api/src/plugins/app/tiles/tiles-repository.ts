import type { Knex } from 'knex';
import { COLLECTION_IDS, type CollectionId, type FieldDef } from '@mpm/domain';
import { LAYER_TABLES, fieldExpression } from '../layers/layer-tables.ts';
import { layerSource, type BBox } from '../layers/layers-repository.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileCoord } from './tile-math.ts';

/** A layer's data revision: a bigint as text (see migration 014), moved on by every write to the layer. */
export type DataRevision = string;

export function createTilesRepository(knex: Knex) {
  return {
    /** Every layer's data revision; `0` for a layer that has none (a database migrated before 014 wrote nothing since). */
    async revisions(db: Knex = knex): Promise<Record<CollectionId, DataRevision>> {
      const rows: { layer_id: string; revision: string }[] = await db('layer_data_revisions').select('layer_id', 'revision');
      const stored = new Map(rows.map((row) => [row.layer_id, String(row.revision)]));
      return Object.fromEntries(COLLECTION_IDS.map((id) => [id, stored.get(id) ?? '0'])) as Record<CollectionId, DataRevision>;
    },

    /** Whether the database's PostGIS encodes vector tiles (PGlite's, built without protobuf-c, does not). */
    async encodesMvt(): Promise<boolean> {
      try {
        await knex.raw(`SELECT ST_AsMVT(q) FROM (SELECT 1 AS a,
          ST_AsMVTGeom('POINT(0 0)'::geometry, ST_MakeBox2D(ST_Point(-1, -1), ST_Point(1, 1))) AS geom) q`);
        return true;
      } catch {
        return false;
      }
    },

    /**
     * One layer's vector tile encoded by PostGIS (`ST_AsMVT`), or null when nothing lands in it:
     * the features `forTile` would give (those meeting `bbox`, the tile with its buffer, simplified
     * by `toleranceDeg`), projected as lon/lat on the sphere like the Node encoding, so that both
     * decode to the same features, ids, properties and shapes.
     */
    async postgisTile(collection: CollectionId, { z, x, y }: TileCoord, bbox: BBox, toleranceDeg: number, fields: readonly FieldDef[], asOf?: string) {
      const layer = LAYER_TABLES[collection];
      const features = knex
        .from(layerSource(knex, collection, asOf))
        .where(Object.fromEntries(Object.entries(layer.fixed).map(([column, value]) => [`t.${column}`, value])))
        .whereRaw('ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))', bbox)
        .select(
          't.id',
          ...fields.map((field) => knex.raw(`${fieldExpression(layer, field)} AS ??`, [field.key])),
          knex.raw(
            `ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_SimplifyPreserveTopology(t.geom, ?), 4326), 3857),
               ST_TileEnvelope(?, ?, ?), ?, ?, true) AS geom`,
            [Number(toleranceDeg), z, x, y, TILE_EXTENT, TILE_BUFFER],
          ),
        );
      const result = await knex.raw(`SELECT ST_AsMVT(q, ?, ?, 'geom', 'id') AS tile FROM (?) q WHERE q.geom IS NOT NULL`, [
        collection,
        TILE_EXTENT,
        features,
      ]);
      const tile: Uint8Array | null = result.rows[0]?.tile ?? null;
      return tile && tile.length > 0 ? tile : null;
    },
  };
}

export type TilesRepository = ReturnType<typeof createTilesRepository>;
