import type { Knex } from 'knex';
import type { SurveyPoint } from '@mpm/contracts';
import type { SurveySurface } from '@mpm/domain';

/** A mining right as a survey needs it: its number and licensed range (null limits when none is registered). */
export interface SurveyRight {
  id: number;
  licenceNo: string;
  mineName: string | null;
  topM: number | null;
  bottomM: number | null;
}

/** One stored survey. */
export interface SurveyRow {
  id: number;
  rightId: number;
  licenceNo: string;
  surface: SurveySurface;
  measuredOn: string;
  points: SurveyPoint[];
  topM: number;
  bottomM: number;
  note: string | null;
  ledgerEntryId: number | null;
  recordedBy: string | null;
  recordedAt: Date | string;
}

/** A survey to store. */
export interface SurveyInput {
  right: SurveyRight & { topM: number; bottomM: number };
  surface: SurveySurface;
  measuredOn: string;
  points: SurveyPoint[];
  note: string | null;
  recordedBy: number;
}

const SURVEY_COLUMNS = [
  's.id',
  's.right_id AS rightId',
  's.licence_no AS licenceNo',
  's.surface',
  's.points',
  's.note',
  's.ledger_entry_id AS ledgerEntryId',
  'u.display_name AS recordedBy',
  's.recorded_at AS recordedAt',
];

const asRow = (row: Record<string, unknown>): SurveyRow => ({
  ...(row as unknown as SurveyRow),
  topM: Number(row.topM),
  bottomM: Number(row.bottomM),
  points: (typeof row.points === 'string' ? JSON.parse(row.points) : row.points) as SurveyPoint[],
});

/** SQL of the elevation surveys (`elevation_surveys`, migrations 020 and 024). */
export function createDepthRepository(knex: Knex) {
  const surveys = (db: Knex) =>
    db('elevation_surveys as s')
      .leftJoin('users as u', 'u.id', 's.recorded_by')
      .select(
        ...SURVEY_COLUMNS,
        db.raw(`to_char(s.measured_on, 'YYYY-MM-DD') AS "measuredOn"`),
        db.raw('s.top_m::float8 AS "topM"'),
        db.raw('s.bottom_m::float8 AS "bottomM"'),
      );

  return {
    /** The mining right with its licensed range, locked until the write commits when `lock`; undefined when none. */
    async right(id: number, db: Knex = knex, lock = false): Promise<SurveyRight | undefined> {
      const query = db('mining_rights')
        .where({ id })
        .first(
          'id',
          'licence_no AS licenceNo',
          'mine_name AS mineName',
          db.raw('elevation_top_m::float8 AS "topM"'),
          db.raw('elevation_bottom_m::float8 AS "bottomM"'),
        );
      if (lock) query.forUpdate();
      return (await query) as SurveyRight | undefined;
    },

    /** The indexes of the points the right's boundary does not cover (edge included). */
    async pointsOutside(id: number, points: readonly SurveyPoint[], db: Knex = knex): Promise<number[]> {
      const result = await db.raw(
        `SELECT p.i - 1 AS i FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS p(pt, i), mining_rights r
          WHERE r.id = ? AND NOT ST_Covers(r.geom, ST_SetSRID(ST_MakePoint((p.pt->>'lon')::float8, (p.pt->>'lat')::float8), 4490))
          ORDER BY p.i`,
        [JSON.stringify(points), id],
      );
      return (result.rows as { i: number | string }[]).map((row) => Number(row.i));
    },

    /** Stores a survey with the range it is judged against; returns its id. */
    async insert(survey: SurveyInput, trx: Knex): Promise<number> {
      const [row] = await trx('elevation_surveys')
        .insert({
          right_id: survey.right.id,
          licence_no: survey.right.licenceNo,
          surface: survey.surface,
          measured_on: survey.measuredOn,
          points: JSON.stringify(survey.points),
          note: survey.note,
          recorded_by: survey.recordedBy,
          top_m: survey.right.topM,
          bottom_m: survey.right.bottomM,
          geom: trx.raw('ST_SetSRID(ST_GeomFromGeoJSON(?), 4490)', [
            JSON.stringify({ type: 'MultiPoint', coordinates: survey.points.map((p) => [p.lon, p.lat]) }),
          ]),
        })
        .returning('id');
      return Number((row as { id: number }).id);
    },

    /** One survey, locked until the write commits when `lock`. */
    async one(id: number, db: Knex = knex, lock = false): Promise<SurveyRow | undefined> {
      const query = surveys(db).where('s.id', id).first();
      if (lock) query.forUpdate('s');
      const row = await query;
      return row ? asRow(row) : undefined;
    },

    /** The surveys of some mining rights, newest first (at most `limit`). */
    async ofRights(rightIds: readonly number[], db: Knex = knex, limit = 50): Promise<SurveyRow[]> {
      if (rightIds.length === 0) return [];
      const rows = await surveys(db)
        .whereIn('s.right_id', rightIds)
        .whereNotNull('s.top_m')
        .orderBy([{ column: 's.measured_on', order: 'desc' }, { column: 's.id', order: 'desc' }])
        .limit(limit);
      return rows.map(asRow);
    },

    /** Links the survey to the ledger entry it became. */
    async setLead(id: number, entryId: number, trx: Knex): Promise<void> {
      await trx('elevation_surveys').where({ id }).update({ ledger_entry_id: entryId });
    },
  };
}

export type DepthRepository = ReturnType<typeof createDepthRepository>;
