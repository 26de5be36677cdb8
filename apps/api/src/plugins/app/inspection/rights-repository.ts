import type { Knex } from 'knex';
import type { RightView } from '@mpm/contracts';
import type { MeasuredGeometry } from '../checks/checks-repository.ts';

/**
 * Mining and exploration rights as one relation `r` (collection, id, licence, holder, mineral,
 * dates, status, geom). Exploration rights have no status column: they are `active` until their
 * dates say otherwise. A plain UNION ALL, so filters on `r.geom` reach each table's GiST index.
 */
const RIGHTS = `(
  SELECT 'mining_rights'::text AS collection, id, licence_no, mine_name, holder, mineral, valid_from, valid_to,
         right_status AS status, geom FROM mining_rights
  UNION ALL
  SELECT 'exploration_rights'::text, id, licence_no, NULL::text, holder, mineral, valid_from, valid_to,
         'active'::text, geom FROM exploration_rights
) r`;

/**
 * The one definition of a licence's state on `today` (a `YYYY-MM-DD` day in China time), as SQL
 * over `r`: revoked (注销) is final; past its last valid day (`valid_to`) a licence is expired,
 * suspended or not; a suspended one is suspended; one ending within `expiringWithinDays` days is
 * expiring soon; else valid. The register, the site card and the patch classes all use it.
 */
export const licenceStateSql = (knex: Knex, today: string, expiringWithinDays: number): Knex.Raw =>
  knex.raw(
    `CASE WHEN r.status = 'revoked' THEN 'revoked'
          WHEN r.valid_to < ?::date THEN 'expired'
          WHEN r.status = 'suspended' THEN 'suspended'
          WHEN r.valid_to <= ?::date + ?::int THEN 'expiringSoon'
          ELSE 'valid' END`,
    [today, today, expiringWithinDays],
  );

/** Where `r` meets the site: a point covered by it (edge included), a polygon sharing area with it. */
function meetsSite(knex: Knex, site: MeasuredGeometry): Knex.Raw {
  const geometry = knex.raw('ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(site)]);
  return site.type === 'Point'
    ? knex.raw('r.geom && ? AND ST_Intersects(r.geom, ?)', [geometry, geometry])
    : knex.raw(`r.geom && ? AND ST_Relate(r.geom, ?, 'T********')`, [geometry, geometry]);
}

type RightRow = Omit<RightView, 'bbox'> & { x0: number; y0: number; x1: number; y1: number };

/** The licence register: every right with its state on a day, and the rights at a site. */
export function createRightsRepository(knex: Knex) {
  async function select(today: string, expiringWithinDays: number, where: Knex.Raw): Promise<RightView[]> {
    const result = await knex.raw(
      `SELECT * FROM (
         SELECT r.collection, r.id AS "featureId", r.licence_no AS "licenceNo", r.mine_name AS "mineName",
                r.holder, r.mineral, to_char(r.valid_from, 'YYYY-MM-DD') AS "validFrom",
                to_char(r.valid_to, 'YYYY-MM-DD') AS "validTo", (?) AS state, (r.valid_to - ?::date)::int AS "daysLeft",
                ST_XMin(r.geom)::float8 AS x0, ST_YMin(r.geom)::float8 AS y0,
                ST_XMax(r.geom)::float8 AS x1, ST_YMax(r.geom)::float8 AS y1, r.valid_to
           FROM ${RIGHTS}
          WHERE ?
       ) s
       ORDER BY CASE s.state WHEN 'expired' THEN 0 WHEN 'revoked' THEN 2 ELSE 1 END, s.valid_to, s."licenceNo"`,
      [licenceStateSql(knex, today, expiringWithinDays), today, where],
    );
    return (result.rows as (RightRow & { valid_to: unknown })[]).map(({ x0, y0, x1, y1, valid_to: _, ...right }) => ({
      ...right,
      bbox: [x0, y0, x1, y1],
    }));
  }

  return {
    /**
     * Every mining and exploration right with its state on `today`: expired first (longest
     * expired first), then by the day they end (expiring soonest first), revoked last.
     */
    register: (today: string, expiringWithinDays: number) => select(today, expiringWithinDays, knex.raw('true')),

    /** The rights covering a point, or sharing area with a polygon, in the register's order. */
    at: (site: MeasuredGeometry, today: string, expiringWithinDays: number) =>
      select(today, expiringWithinDays, meetsSite(knex, site)),
  };
}

export type RightsRepository = ReturnType<typeof createRightsRepository>;
