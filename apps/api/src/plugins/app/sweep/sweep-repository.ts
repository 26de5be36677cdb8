import type { Knex } from 'knex';
import type { SweepFinding } from '@mpm/contracts';
import { DEFAULT_SWEEP_INTERVAL_DAYS, type SweepSettings } from '@mpm/contracts';
import type { Bilingual, GreenMineLevel, LicenceState, Mineral, RightCollection, ScaleClass, SweepProblem } from '@mpm/domain';
import { licenceStateSql } from '../inspection/rights-repository.ts';
import { mostOverlappedTownship } from '../layers/layers-repository.ts';

/** The `county_settings` key of the sweep's schedule. */
export const SWEEP_SETTINGS_KEY = 'sweep';

/** A right to sweep, as it stands, with its state, listings and boundary. */
export interface RightToSweep {
  collection: RightCollection;
  id: number;
  licenceNo: string;
  mineName: string | null;
  holder: string | null;
  mineral: Mineral;
  scaleClass: ScaleClass | null;
  capacity10ktPerYear: number | null;
  validTo: string;
  state: LicenceState;
  restorationFund10kYuan: number | null;
  restorationFundProvisioned: boolean | null;
  firstDay: string;
  greenMineLevel: GreenMineLevel | null;
  sanction: { documentNo: string; listedOn: string } | null;
  townshipCode: string | null;
  geometry: GeoJSON.MultiPolygon;
}

/** A finding as written. */
export interface NewFinding {
  collection: RightCollection;
  rightId: number;
  licenceNo: string;
  mineName: string | null;
  holder: string | null;
  townshipCode: string | null;
  problem: SweepProblem;
  detail: Bilingual;
  legalBasis: Bilingual;
}

/** A stored run, without its findings. */
export interface RunRow {
  id: number;
  trigger: 'manual' | 'scheduled';
  asOf: string;
  ranAt: Date;
  ranBy: string | null;
  rulesetVersion: number;
  rightsSwept: number;
}

/**
 * Every right not revoked, of both registers, as one relation `r` with what the sweep judges:
 * mining-right columns are null for exploration rights.
 */
const RIGHTS = `(
  SELECT 'mining_rights'::text AS collection, id, licence_no, mine_name, holder, mineral, scale_class,
         capacity_10kt_per_year, valid_to, right_status AS status, restoration_fund_10k_yuan,
         restoration_fund_provisioned, geom FROM mining_rights WHERE right_status <> 'revoked'
  UNION ALL
  SELECT 'exploration_rights'::text, id, licence_no, NULL::text, holder, mineral, NULL::text, NULL::numeric,
         valid_to, right_status, NULL::numeric, NULL::boolean, geom FROM exploration_rights WHERE right_status <> 'revoked'
) r`;

/** SQL of the sweep: the rights to judge, the stored runs and their findings, the leads made. */
/** The first run the query picks, without its findings. */
const runs = (db: Knex, pick: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<RunRow | undefined> =>
  db('sweep_runs as s')
    .leftJoin('users as u', 'u.id', 's.ran_by')
    .modify(pick)
    .first(
      's.id',
      's.trigger',
      db.raw(`to_char(s.as_of, 'YYYY-MM-DD') AS "asOf"`),
      's.ran_at as ranAt',
      'u.display_name as ranBy',
      's.ruleset_version as rulesetVersion',
      's.rights_swept as rightsSwept',
    );

export function createSweepRepository(knex: Knex) {
  const findings = (db: Knex) =>
    db('sweep_findings as f')
      .leftJoin('admin_areas as a', (j) => j.on('a.admin_code', 'f.township_code').andOnVal('a.level', 'township'))
      .leftJoin('sweep_leads as l', (j) => j.on('l.collection', 'f.collection').andOn('l.right_id', 'f.right_id').andOn('l.problem', 'f.problem'))
      .select(
        'f.id',
        'f.run_id as runId',
        'f.collection',
        'f.right_id as rightId',
        'f.licence_no as licenceNo',
        'f.mine_name as mineName',
        'f.holder',
        'f.township_code as townshipCode',
        'a.name as townshipName',
        'f.problem',
        'f.detail',
        'f.legal_basis as legalBasis',
        'l.entry_id as leadId',
      );

  const view = ({ townshipCode, townshipName, runId: _run, ...row }: Record<string, unknown>): SweepFinding =>
    ({ ...row, township: townshipCode ? { code: String(townshipCode), name: String(townshipName ?? townshipCode) } : null }) as SweepFinding;

  return {
    /** Every right not revoked, with its state on `day`, green-mine level and sanction in force then, and township. */
    async rights(day: string, expiringWithinDays: number, db: Knex = knex): Promise<RightToSweep[]> {
      const result = await db.raw(
        `SELECT r.collection, r.id, r.licence_no AS "licenceNo", r.mine_name AS "mineName", r.holder, r.mineral,
                r.scale_class AS "scaleClass", r.capacity_10kt_per_year::float8 AS "capacity10ktPerYear",
                to_char(r.valid_to, 'YYYY-MM-DD') AS "validTo", (?) AS state,
                r.restoration_fund_10k_yuan::float8 AS "restorationFund10kYuan",
                r.restoration_fund_provisioned AS "restorationFundProvisioned",
                (SELECT to_char(min(e.effective_on), 'YYYY-MM-DD') FROM licence_events e
                  WHERE e.collection = r.collection AND e.right_id = r.id) AS "firstDay",
                (SELECT g.level FROM green_mines g WHERE r.collection = 'mining_rights' AND g.mining_right_id = r.id
                    AND g.listed_on <= ?::date AND (g.delisted_on IS NULL OR g.delisted_on > ?::date)
                  ORDER BY array_position(ARRAY['nationalLevel', 'provincialLevel', 'municipalLevel'], g.level) LIMIT 1) AS "greenMineLevel",
                (SELECT json_build_object('documentNo', s.document_no, 'listedOn', to_char(s.listed_on, 'YYYY-MM-DD'))
                   FROM sanctions s WHERE btrim(s.holder) = btrim(r.holder)
                    AND s.listed_on <= ?::date AND (s.delisted_on IS NULL OR s.delisted_on > ?::date)
                  ORDER BY s.listed_on LIMIT 1) AS sanction,
                t.code AS "townshipCode", ST_AsGeoJSON(ST_Multi(r.geom), 9, 0) AS geometry
           FROM ${RIGHTS} LEFT JOIN LATERAL (${mostOverlappedTownship('r.geom', 'a.admin_code AS code')}) t ON true
          ORDER BY r.collection DESC, r.licence_no`,
        [licenceStateSql(db, day, expiringWithinDays), day, day, day, day],
      );
      return (result.rows as (RightToSweep & { geometry: string })[]).map((row) => ({ ...row, geometry: JSON.parse(row.geometry) }));
    },

    /** Stores a run and its findings; returns the run's id. */
    async insertRun(run: Omit<RunRow, 'id' | 'ranAt' | 'ranBy'> & { ranBy: number | null }, rows: NewFinding[], trx: Knex): Promise<number> {
      const [inserted] = await trx('sweep_runs')
        .insert({ trigger: run.trigger, as_of: run.asOf, ran_by: run.ranBy, ruleset_version: run.rulesetVersion, rights_swept: run.rightsSwept })
        .returning('id');
      const runId = Number((inserted as { id: number }).id);
      if (rows.length > 0) {
        await trx('sweep_findings').insert(
          rows.map((f) => ({
            run_id: runId,
            collection: f.collection,
            right_id: f.rightId,
            licence_no: f.licenceNo,
            mine_name: f.mineName,
            holder: f.holder,
            township_code: f.townshipCode,
            problem: f.problem,
            detail: JSON.stringify(f.detail),
            legal_basis: JSON.stringify(f.legalBasis),
          })),
        );
      }
      return runId;
    },

    /** A run (the latest when `id` is undefined), without its findings. */
    async run(id: number | undefined, db: Knex = knex): Promise<RunRow | undefined> {
      return runs(db, (q) => (id === undefined ? q.orderBy('s.id', 'desc') : q.where('s.id', id)));
    },

    /** The latest run that judged the rights on `day` or before (the periodic report's), without its findings. */
    async runOn(day: string, db: Knex = knex): Promise<RunRow | undefined> {
      return runs(db, (q) => q.where('s.as_of', '<=', day).orderBy('s.id', 'desc'));
    },

    /** When the latest run (of any trigger) ran; null before the first. */
    async lastRanAt(db: Knex = knex): Promise<Date | null> {
      const row = await db('sweep_runs').max('ran_at as at').first();
      return row?.at ? new Date(row.at as string) : null;
    },

    /** A run's findings, by township, right and problem. */
    async findings(runId: number, db: Knex = knex): Promise<SweepFinding[]> {
      const rows = await findings(db).where('f.run_id', runId).orderBy([{ column: 'f.licence_no' }, { column: 'f.id' }]);
      return rows.map(view);
    },

    /** One finding, with the lead made from its right's problem if any. */
    async finding(id: number, db: Knex = knex): Promise<(SweepFinding & { runId: number }) | undefined> {
      const row = await findings(db).where('f.id', id).first();
      return row ? { ...view(row), runId: Number(row.runId) } : undefined;
    },

    /** The right's boundary (the lead's site), as it stands. */
    async rightGeometry(collection: RightCollection, id: number, db: Knex = knex): Promise<GeoJSON.MultiPolygon | undefined> {
      const row = await db(collection).where({ id }).first(db.raw('ST_AsGeoJSON(ST_Multi(geom), 9, 0) AS geometry'));
      return row ? JSON.parse(String(row.geometry)) : undefined;
    },

    /** Records that the right's problem became a ledger entry; the primary key refuses a second one. */
    async insertLead(lead: { collection: RightCollection; rightId: number; problem: SweepProblem; entryId: number; findingId: number }, trx: Knex) {
      await trx('sweep_leads').insert({ collection: lead.collection, right_id: lead.rightId, problem: lead.problem, entry_id: lead.entryId, finding_id: lead.findingId });
    },

    /** The lead already made from a right's problem, if any. */
    async leadOf(collection: RightCollection, rightId: number, problem: SweepProblem, db: Knex = knex): Promise<number | undefined> {
      const row = await db('sweep_leads').where({ collection, right_id: rightId, problem }).first('entry_id');
      return row ? Number(row.entry_id) : undefined;
    },

    settings: {
      /** The schedule as stored, over the default; a hand-edited row is not trusted. */
      async get(db: Knex = knex): Promise<SweepSettings> {
        const row = await db('county_settings').where({ key: SWEEP_SETTINGS_KEY }).first('value');
        const days = (row?.value as { intervalDays?: unknown } | undefined)?.intervalDays;
        const ok = typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 366;
        return { intervalDays: ok ? days : DEFAULT_SWEEP_INTERVAL_DAYS };
      },

      /** Replaces the schedule; call inside the transaction of its audit entry. */
      async set(settings: SweepSettings, userId: number, trx: Knex): Promise<void> {
        await trx.raw(
          `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
           ON CONFLICT (key) DO UPDATE
             SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
          [SWEEP_SETTINGS_KEY, JSON.stringify(settings), userId],
        );
      },
    },
  };
}

export type SweepRepository = ReturnType<typeof createSweepRepository>;
