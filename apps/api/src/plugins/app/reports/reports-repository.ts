import type { Knex } from 'knex';
import type { CollectionId } from '@mpm/domain';
import { LAYER_TABLES } from '../layers/layer-tables.ts';
import type { BBox } from '../layers/layers-repository.ts';

/** A feature named by a finding. */
export interface FeatureRef {
  collection: CollectionId;
  featureId: number;
}

/** A feature's geometry clipped to the map window, EPSG:4490 lon/lat. */
export interface MapFeature extends FeatureRef {
  geometry: GeoJSON.Geometry;
}

/** Most features drawn on one report map (the findings of one block stay far below). */
export const MAX_MAP_FEATURES = 200;

/** SQL of the printed report: the county's name and the map's zones around the block. */
export function createReportsRepository(knex: Knex) {
  return {
    /** The county's name (e.g. 正宁县), or null before a county is loaded. */
    async countyName(): Promise<string | null> {
      const row = await knex('admin_areas').where({ level: 'county' }).orderBy('id').first('name');
      return (row?.name as string | undefined) ?? null;
    },

    /**
     * The given features, only where they meet `window`, simplified by `toleranceDeg` and clipped
     * to it: the index bounds the query by the window, and a feature far larger than the block
     * (a county-wide red line) costs no more than the window shows.
     */
    async mapFeatures(window: BBox, refs: readonly FeatureRef[], toleranceDeg: number): Promise<MapFeature[]> {
      const byCollection = new Map<CollectionId, number[]>();
      for (const { collection, featureId } of refs.slice(0, MAX_MAP_FEATURES)) {
        byCollection.set(collection, [...(byCollection.get(collection) ?? []), featureId]);
      }
      const features: MapFeature[] = [];
      for (const [collection, ids] of byCollection) {
        const layer = LAYER_TABLES[collection];
        const envelope = knex.raw('ST_MakeEnvelope(?, ?, ?, ?, 4490)', window);
        const rows = await knex({ t: layer.table })
          .where(Object.fromEntries(Object.entries(layer.fixed).map(([column, value]) => [`t.${column}`, value])))
          .whereIn('t.id', ids)
          .whereRaw('t.geom && ?', [envelope])
          .select(
            't.id',
            knex.raw('ST_AsGeoJSON(ST_ClipByBox2D(ST_SimplifyPreserveTopology(t.geom, ?), ?), 7, 0) AS geometry', [
              toleranceDeg,
              envelope,
            ]),
          )
          .orderBy('t.id');
        for (const row of rows as { id: number; geometry: string | null }[]) {
          if (row.geometry) features.push({ collection, featureId: Number(row.id), geometry: JSON.parse(row.geometry) });
        }
      }
      return features;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
