import type { Knex } from 'knex';
import type { LicenceRow, LicencesQuery } from '@mpm/contracts';
import type { MeasuredGeometry } from '../checks/checks-repository.ts';
import { mostOverlappedTownship } from '../layers/layers-repository.ts';

/** The two right tables, which are also their collections' ids. */
export type RightTable = 'mining_rights' | 'exploration_rights';

/**
 * A right table as it stood at the end of a past day (`YYYY-MM-DD`), as a subquery with the
 * table's own columns, rebuilt from the register's history (`licence_events`, migration 013):
 * each right as its latest event on or before that day left it, the rights an import had removed
 * by then left out, those registered later not yet there. Use it where the table would go.
 */
export const rightTableAsOf = (knex: Knex, table: RightTable, day: string): Knex.Raw =>
  knex.raw(
    `(SELECT (jsonb_populate_record(NULL::??, e.attributes || jsonb_build_object('geom', encode(ST_AsEWKB(e.geom), 'hex')))).*
        FROM (SELECT DISTINCT ON (right_id) * FROM licence_events WHERE collection = ? AND effective_on <= ?::date
               ORDER BY right_id, effective_on DESC, id DESC) e
       WHERE e.kind <> 'removed')`,
    [table, table, day],
  );

/**
 * A right table to read from: as it stands (`day` undefined), or as it stood at the end of a past
 * `day` ({@link rightTableAsOf}). The register, the tiles, the checks, the patch classes and the
 * indicators all read the rights through this one relation.
 */
export const rightTable = (knex: Knex, table: RightTable, day?: string): Knex.Raw =>
  day === undefined ? knex.raw('??', [table]) : rightTableAsOf(knex, table, day);

/**
 * Mining and exploration rights as one relation `r` (collection, id, licence, holder, mineral,
 * dates, status, geom; for a mining right its licensed elevation range and capacity): as they stand, or as they stood at the end of `day`. As they stand it is
 * a plain UNION ALL, so filters on `r.geom` reach each table's GiST index.
 */
function rightsRelation(knex: Knex, day?: string): Knex.Raw {
  const source = (table: RightTable) => rightTable(knex, table, day);
  return knex.raw(
    `(SELECT 'mining_rights'::text AS collection, id, licence_no, mine_name, holder, mineral, valid_from, valid_to,
             coalesce(right_status, 'active') AS status, geom, elevation_top_m::float8 AS top_m,
             elevation_bottom_m::float8 AS bottom_m, capacity_10kt_per_year::float8 AS capacity FROM ? m
      UNION ALL
      SELECT 'exploration_rights'::text, id, licence_no, NULL::text, holder, mineral, valid_from, valid_to,
             coalesce(right_status, 'active'), geom, NULL::float8, NULL::float8, NULL::float8 FROM ? x
    ) r`,
    [source('mining_rights'), source('exploration_rights')],
  );
}

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

/** `%…%` for ILIKE, with the pattern's own wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The register's filters as SQL over `r` (the state is filtered after it is worked out). */
function filtered(knex: Knex, where: Knex.Raw, filter: Omit<LicencesQuery, 'asOf' | 'state'>): Knex.Raw {
  const parts: Knex.Raw[] = [where];
  if (filter.q?.trim()) {
    const pattern = containing(filter.q.trim());
    parts.push(knex.raw('(r.licence_no ILIKE ? OR r.holder ILIKE ? OR r.mine_name ILIKE ?)', [pattern, pattern, pattern]));
  }
  if (filter.collection) parts.push(knex.raw('r.collection = ?', [filter.collection]));
  if (filter.mineral) parts.push(knex.raw('r.mineral = ?', [filter.mineral]));
  if (filter.township) parts.push(knex.raw('t.code = ?', [filter.township]));
  return knex.raw(parts.map(() => '(?)').join(' AND '), parts);
}

type RightRow = Omit<LicenceRow, 'bbox' | 'township'> & { x0: number; y0: number; x1: number; y1: number; townshipCode: string | null; townshipName: string | null };

/** Which rights to read, and on which day. */
interface Selection {
  /** The day whose state is asked, `YYYY-MM-DD` China time. */
  day: string;
  expiringWithinDays: number;
  /** Read the rights as they stood at the end of `day` from the register's history, not as they stand. */
  historical?: boolean;
  filter?: Omit<LicencesQuery, 'asOf'>;
}

/** The licence register: every right with its state on a day, and the rights at a site. */
export function createRightsRepository(knex: Knex) {
  async function select({ day, expiringWithinDays, historical, filter = {} }: Selection, where: Knex.Raw): Promise<LicenceRow[]> {
    const relation = rightsRelation(knex, historical ? day : undefined);
    const result = await knex.raw(
      `SELECT * FROM (
         SELECT r.collection, r.id AS "featureId", r.licence_no AS "licenceNo", r.mine_name AS "mineName",
                r.holder, r.mineral, to_char(r.valid_from, 'YYYY-MM-DD') AS "validFrom",
                to_char(r.valid_to, 'YYYY-MM-DD') AS "validTo", (?) AS state, (r.valid_to - ?::date)::int AS "daysLeft",
                r.status, t.code AS "townshipCode", t.name AS "townshipName",
                (SELECT count(*) FROM licence_events v WHERE v.collection = r.collection AND v.right_id = r.id)::int AS version,
                r.top_m AS "elevationTopM", r.bottom_m AS "elevationBottomM",
                (SELECT max(o.year) FROM right_outputs o
                  WHERE r.collection = 'mining_rights' AND o.right_id = r.id AND r.capacity > 0 AND o.output_10kt > r.capacity)::int AS "overCapacityYear",
                ST_XMin(r.geom)::float8 AS x0, ST_YMin(r.geom)::float8 AS y0,
                ST_XMax(r.geom)::float8 AS x1, ST_YMax(r.geom)::float8 AS y1, r.valid_to
           FROM ? LEFT JOIN LATERAL (${mostOverlappedTownship('r.geom', 'a.admin_code AS code, a.name')}) t ON true
          WHERE ?
       ) s
       WHERE ?::text IS NULL OR s.state = ?
       ORDER BY CASE s.state WHEN 'expired' THEN 0 WHEN 'revoked' THEN 2 ELSE 1 END, s.valid_to, s."licenceNo"`,
      [licenceStateSql(knex, day, expiringWithinDays), day, relation, filtered(knex, where, filter), filter.state ?? null, filter.state ?? null],
    );
    return (result.rows as (RightRow & { valid_to: unknown })[]).map(({ x0, y0, x1, y1, valid_to: _, townshipCode, townshipName, ...right }) => ({
      ...right,
      township: townshipCode === null ? null : { code: townshipCode, name: townshipName! },
      bbox: [x0, y0, x1, y1],
    }));
  }

  return {
    /**
     * The rights on a day, filtered: expired first (longest expired first), then by the day they
     * end (expiring soonest first), revoked last.
     */
    register: (selection: Selection) => select(selection, knex.raw('true')),

    /** The rights covering a point, or sharing area with a polygon, in the register's order. */
    at: (site: MeasuredGeometry, selection: Selection) => select(selection, meetsSite(knex, site)),
  };
}

export type RightsRepository = ReturnType<typeof createRightsRepository>;
