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

/** The restoration report map's shapes, EPSG:4490 lon/lat. */
export interface RestorationMapShapes {
  county: { name: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon } | null;
  townships: { code: string; name: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; labelPoint: [number, number] }[];
  parcels: { id: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; centre: [number, number] }[];
}

/** Most features drawn on one report map (the findings of one block stay far below). */
export const MAX_MAP_FEATURES = 200;

/** SQL of the printed reports: the county's name, the review map's zones, the restoration map. */
export function createReportsRepository(knex: Knex) {
  /** A collection's features (those of `ids`, else any) meeting `window`, simplified and clipped to it. */
  async function clipped(collection: CollectionId, window: BBox, toleranceDeg: number, ids?: readonly number[]): Promise<MapFeature[]> {
    const layer = LAYER_TABLES[collection];
    const envelope = knex.raw('ST_MakeEnvelope(?, ?, ?, ?, 4490)', window);
    const query = knex({ t: layer.table }).where(Object.fromEntries(Object.entries(layer.fixed).map(([column, value]) => [`t.${column}`, value])));
    if (ids) query.whereIn('t.id', ids);
    const rows = await query
      .whereRaw('t.geom && ?', [envelope])
      .select('t.id', knex.raw('ST_AsGeoJSON(ST_ClipByBox2D(ST_SimplifyPreserveTopology(t.geom, ?), ?), 7, 0) AS geometry', [toleranceDeg, envelope]))
      .orderBy('t.id')
      .limit(MAX_MAP_FEATURES);
    return (rows as { id: number; geometry: string | null }[]).flatMap((row) =>
      row.geometry ? [{ collection, featureId: Number(row.id), geometry: JSON.parse(row.geometry) }] : [],
    );
  }

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
      for (const [collection, ids] of byCollection) features.push(...(await clipped(collection, window, toleranceDeg, ids)));
      return features;
    },

    /**
     * Every feature of the given collections that meets `window` (at most {@link MAX_MAP_FEATURES}
     * each), simplified and clipped as {@link mapFeatures}: the surroundings of a site.
     */
    async windowFeatures(window: BBox, collections: readonly CollectionId[], toleranceDeg: number): Promise<MapFeature[]> {
      const features: MapFeature[] = [];
      for (const collection of collections) features.push(...(await clipped(collection, window, toleranceDeg)));
      return features;
    },

    /**
     * The restoration map's shapes, all bounded by the county: its outline and the townships'
     * (simplified to a thousandth of the county's width, far below a printed pixel, with a label
     * point inside each), and every current restoration parcel with a point inside it.
     */
    async restorationMap(): Promise<RestorationMapShapes> {
      const extent = await knex('admin_areas')
        .where({ level: 'county' })
        .first(knex.raw('ST_XMax(ST_Extent(geom)) - ST_XMin(ST_Extent(geom)) AS width'));
      const toleranceDeg = Number(extent?.width ?? 0) / 1000;
      const areas = (await knex('admin_areas')
        .whereIn('level', ['county', 'township'])
        .select(
          'level',
          'admin_code',
          'name',
          knex.raw('ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ?), 6, 0) AS geometry', [toleranceDeg]),
          knex.raw('ST_AsGeoJSON(ST_PointOnSurface(geom), 6, 0) AS label_point'),
        )
        .orderBy('admin_code')) as { level: string; admin_code: string; name: string; geometry: string; label_point: string }[];
      const parcels = (await knex('restoration_parcels')
        .where({ lifecycle: 'current' })
        .select('id', knex.raw('ST_AsGeoJSON(geom, 7, 0) AS geometry'), knex.raw('ST_AsGeoJSON(ST_PointOnSurface(geom), 7, 0) AS centre'))
        .orderBy('id')) as { id: number; geometry: string; centre: string }[];
      const point = (json: string) => (JSON.parse(json) as GeoJSON.Point).coordinates as [number, number];
      const county = areas.find((a) => a.level === 'county');
      return {
        county: county ? { name: county.name, geometry: JSON.parse(county.geometry) } : null,
        townships: areas
          .filter((a) => a.level === 'township')
          .map((a) => ({ code: a.admin_code, name: a.name, geometry: JSON.parse(a.geometry), labelPoint: point(a.label_point) })),
        parcels: parcels.map((p) => ({ id: Number(p.id), geometry: JSON.parse(p.geometry), centre: point(p.centre) })),
      };
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
