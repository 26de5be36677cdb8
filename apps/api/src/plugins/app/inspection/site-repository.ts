import type { Knex } from 'knex';
import { geometryBox, growBox } from '@mpm/geo';
import type { MeasuredGeometry } from '../checks/checks-repository.ts';
import { LAYER_TABLES } from '../layers/layer-tables.ts';
import type { BBox } from '../layers/layers-repository.ts';

/** A group of lines whose nearest member the site card names: a road class, the railways, the rivers. */
export interface LineGroup {
  collection: 'roads' | 'railways' | 'rivers';
  roadClass?: string;
}

/** The nearest line of a group: ellipsoidal distance in metres (0 when the site touches it). */
export interface NearestLine extends LineGroup {
  featureId: number;
  name: string;
  distanceM: number;
}

/** Where the site is: its point (or a polygon's point on surface), area and township. */
export interface SiteFacts {
  centre: [number, number];
  areaM2: number | null;
  township: { code: string; name: string } | null;
}

/** The site as a PostGIS geometry (2D, EPSG:4490). */
export const siteSql = (knex: Knex, site: MeasuredGeometry) =>
  knex.raw('ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(site)]);

/** The rows of a group, as a WHERE clause over `t` (the catalogue's fixed columns and the class). */
function groupFilter(knex: Knex, group: LineGroup): Knex.Raw {
  const fixed = Object.entries(LAYER_TABLES[group.collection].fixed).map(([column, value]) => knex.raw('?? = ?', [`t.${column}`, value]));
  if (group.roadClass !== undefined) fixed.push(knex.raw('t.road_class = ?', [group.roadClass]));
  return knex.raw(fixed.map(() => '?').join(' AND '), fixed);
}

/** SQL of the site card's own facts: township, centre, nearest lines. */
export function createSiteRepository(knex: Knex) {
  return {
    async facts(site: MeasuredGeometry): Promise<SiteFacts> {
      const result = await knex.raw(
        `WITH s AS (SELECT g, CASE WHEN ST_GeometryType(g) = 'ST_Point' THEN g ELSE ST_PointOnSurface(g) END AS c
                      FROM (SELECT ? AS g) x)
         SELECT ST_X(s.c)::float8 AS lon, ST_Y(s.c)::float8 AS lat,
                CASE WHEN ST_GeometryType(s.g) = 'ST_Point' THEN NULL ELSE ST_Area(s.g::geography)::float8 END AS "areaM2",
                (SELECT json_build_object('code', a.admin_code, 'name', a.name) FROM admin_areas a
                  WHERE a.level = 'township' AND a.geom && s.c AND ST_Intersects(a.geom, s.c)
                  ORDER BY a.admin_code LIMIT 1) AS township
           FROM s`,
        [siteSql(knex, site)],
      );
      const row = result.rows[0] as { lon: number; lat: number; areaM2: number | null; township: SiteFacts['township'] };
      return { centre: [row.lon, row.lat], areaM2: row.areaM2, township: row.township };
    },

    /**
     * The nearest line of each group, however far. Two index-bound steps per group: the nearest
     * by the GiST index's planar order (`<->`, in degrees), whose ellipsoidal distance d bounds
     * the answer; then, among the group's lines in the site's box grown by d metres (`&&`), the
     * one nearest on the ellipsoid. Groups without lines are left out.
     */
    async nearestLines(site: MeasuredGeometry, groups: readonly LineGroup[]): Promise<NearestLine[]> {
      if (groups.length === 0) return [];
      const geometry = siteSql(knex, site);
      const branch = (group: LineGroup, order: Knex.Raw, bbox?: BBox) =>
        knex.raw(
          `(SELECT ?::int AS i, t.id::int AS "featureId", t.name, ST_Distance(t.geom::geography, ?::geography)::float8 AS "distanceM"
              FROM ?? t WHERE ? ${bbox ? 'AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)' : ''}
             ORDER BY ?, t.id LIMIT 1)`,
          [groups.indexOf(group), geometry, LAYER_TABLES[group.collection].table, groupFilter(knex, group), ...(bbox ?? []), order],
        );
      const union = (parts: Knex.Raw[]) => knex.raw(parts.map(() => '?').join(' UNION ALL '), parts);
      type Row = { i: number; featureId: number; name: string; distanceM: number };

      const planar = await knex.raw('?', [union(groups.map((g) => branch(g, knex.raw('t.geom <-> ?', [geometry]))))]);
      const bound = planar.rows as Row[];
      if (bound.length === 0) return [];
      const box = geometryBox(site);
      const exact = await knex.raw('?', [
        union(bound.map((row) => branch(groups[row.i], knex.raw('"distanceM"'), growBox(box, row.distanceM)))),
      ]);
      return (exact.rows as Row[])
        .sort((a, b) => a.i - b.i)
        .map(({ i, ...line }) => ({ ...groups[i], ...line }));
    },
  };
}

export type SiteRepository = ReturnType<typeof createSiteRepository>;
