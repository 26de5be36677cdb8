import type { Knex } from 'knex';
import type { ReportKind, ReportingRule, TaskStatus } from '@mpm/domain';
import type { DemoCampaign } from './xinbin-campaigns.ts';

/** A campaign row with its reporting rule. */
export interface CampaignRow {
  id: number;
  code: string;
  name: string;
  source: string;
  note: string | null;
  startsOn: string;
  endsOn: string;
  rule: ReportingRule;
}

/** A phase row. */
export interface PhaseRow {
  id: number;
  campaignId: number;
  ordinal: number;
  name: string;
  startsOn: string;
  endsOn: string;
  sourceText: string | null;
}

/** A task row; `updatedBy` is a display name. */
export interface TaskRow {
  id: number;
  phaseId: number;
  ordinal: number;
  title: string;
  responsibleUnits: string[];
  deadline: string | null;
  deadlineText: string | null;
  sourceRef: string | null;
  status: TaskStatus;
  evidence: string | null;
  revision: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A report sent. */
export interface SubmittedReport {
  campaignId: number;
  kind: ReportKind;
  period: string;
  submittedOn: string;
}

/** Task columns a write changes. */
export interface TaskChanges {
  status?: TaskStatus;
  evidence?: string | null;
  deadline?: string | null;
}

const date = (db: Knex, column: string, alias: string) => db.raw(`to_char(${column}, 'YYYY-MM-DD') AS "${alias}"`);

const phaseColumns = (db: Knex) => [
  'id',
  'campaign_id AS campaignId',
  'ordinal',
  'name',
  date(db, 'starts_on', 'startsOn'),
  date(db, 'ends_on', 'endsOn'),
  'source_text AS sourceText',
];

/** Campaigns (专项行动), their phases, tasks and reports sent: the only SQL about them. */
export function createCampaignsRepository(knex: Knex) {
  const taskColumns = (db: Knex) => [
    't.id',
    't.phase_id AS phaseId',
    't.ordinal',
    't.title',
    't.responsible_units AS responsibleUnits',
    date(db, 't.deadline', 'deadline'),
    't.deadline_text AS deadlineText',
    't.source_ref AS sourceRef',
    't.status',
    't.evidence',
    't.revision',
    'u.display_name AS updatedBy',
    't.updated_at AS updatedAt',
  ];
  const tasks = (db: Knex) => db({ t: 'campaign_tasks' }).leftJoin({ u: 'users' }, 'u.id', 't.updated_by');
  const parse = (row: TaskRow): TaskRow => ({
    ...row,
    responsibleUnits: typeof row.responsibleUnits === 'string' ? JSON.parse(row.responsibleUnits) : row.responsibleUnits,
  });

/** Adds a task at the end of its phase; returns its id. */
  async function insertTask(
    task: { phaseId: number; title: string; responsibleUnits: string[]; deadline: string | null; deadlineText: string | null; sourceRef: string | null },
    userId: number | null,
    trx: Knex,
  ): Promise<number> {
    const last = await trx('campaign_tasks').where({ phase_id: task.phaseId }).max<{ max: number | null }>('ordinal as max').first();
    const [row] = await trx('campaign_tasks')
      .insert({
        phase_id: task.phaseId,
        ordinal: Number(last?.max ?? 0) + 1,
        title: task.title,
        responsible_units: JSON.stringify(task.responsibleUnits),
        deadline: task.deadline,
        deadline_text: task.deadlineText,
        source_ref: task.sourceRef,
        updated_by: userId,
      })
      .returning('id');
    return Number((row as { id: number }).id);
  }

  return {
    /** Every campaign, by start date. */
    async campaigns(db: Knex = knex): Promise<CampaignRow[]> {
      const rows = await db('campaigns')
        .orderBy([{ column: 'starts_on' }, { column: 'id' }])
        .select(
          'id',
          'code',
          'name',
          'source',
          'note',
          date(db, 'starts_on', 'startsOn'),
          date(db, 'ends_on', 'endsOn'),
          'monthly_day AS monthlyDay',
          'half_year_day AS halfYearDay',
          'annual_day AS annualDay',
          date(db, 'plan_due_on', 'planDueOn'),
          date(db, 'reporting_from', 'reportingFrom'),
        );
      return rows.map(({ monthlyDay, halfYearDay, annualDay, planDueOn, reportingFrom, ...row }) => ({
        ...row,
        rule: { monthlyDay, halfYearDay, annualDay, planDueOn, reportingFrom, reportingTo: row.endsOn },
      }));
    },

    /** Every phase, by campaign and order. */
    async phases(db: Knex = knex): Promise<PhaseRow[]> {
      return db('campaign_phases').orderBy(['campaign_id', 'ordinal']).select(...phaseColumns(db));
    },

    /** One phase, or undefined. */
    async phase(id: number, db: Knex = knex): Promise<PhaseRow | undefined> {
      return db('campaign_phases').where({ id }).first(...phaseColumns(db));
    },

    /** Every task, by phase and order. */
    async tasks(db: Knex = knex): Promise<TaskRow[]> {
      return (await tasks(db).orderBy(['t.phase_id', 't.ordinal']).select(...taskColumns(db))).map(parse);
    },

    /** One task, locked until `trx` ends. */
    async lockTask(id: number, trx: Knex): Promise<TaskRow | undefined> {
      await trx('campaign_tasks').where({ id }).forUpdate().first('id');
      const row = await tasks(trx).where('t.id', id).first(...taskColumns(trx));
      return row ? parse(row) : undefined;
    },

    /** Changes a task; a new revision, stamped with who and when. */
    async updateTask(id: number, changes: TaskChanges, userId: number, trx: Knex): Promise<void> {
      await trx('campaign_tasks')
        .where({ id })
        .update({ ...changes, revision: trx.raw('revision + 1'), updated_by: userId, updated_at: trx.fn.now() });
    },

    insertTask,

    /** Reports sent, for one campaign or all. */
    async reports(campaignId?: number, db: Knex = knex): Promise<SubmittedReport[]> {
      const query = db('campaign_reports').orderBy('id');
      if (campaignId !== undefined) query.where({ campaign_id: campaignId });
      return query.select('campaign_id AS campaignId', 'kind', 'period', date(db, 'submitted_on', 'submittedOn'));
    },

    /** Records a report sent (by a user; null for the demo load); returns its id. */
    async insertReport(report: SubmittedReport & { note: string | null }, userId: number | null, trx: Knex): Promise<number> {
      const [row] = await trx('campaign_reports')
        .insert({
          campaign_id: report.campaignId,
          kind: report.kind,
          period: report.period,
          submitted_on: report.submittedOn,
          note: report.note,
          submitted_by: userId,
        })
        .returning('id');
      return Number((row as { id: number }).id);
    },

    /** Loads campaigns with their phases and tasks as given (the demo county's borrowed ones). */
    async insertCampaigns(campaigns: DemoCampaign[], trx: Knex): Promise<number> {
      let count = 0;
      for (const { phases, ...c } of campaigns) {
        const [row] = await trx('campaigns')
          .insert({
            code: c.code,
            name: c.name,
            source: c.source,
            note: c.note,
            starts_on: c.startsOn,
            ends_on: c.endsOn,
            monthly_day: c.monthlyDay,
            half_year_day: c.halfYearDay,
            annual_day: c.annualDay,
            plan_due_on: c.planDueOn,
            reporting_from: c.reportingFrom,
          })
          .returning('id');
        const campaignId = Number((row as { id: number }).id);
        for (const [i, phase] of phases.entries()) {
          const [p] = await trx('campaign_phases')
            .insert({ campaign_id: campaignId, ordinal: i + 1, name: phase.name, starts_on: phase.startsOn, ends_on: phase.endsOn, source_text: phase.sourceText })
            .returning('id');
          for (const task of phase.tasks) {
            await insertTask({ ...task, phaseId: Number((p as { id: number }).id) }, null, trx);
            count++;
          }
        }
      }
      return count;
    },
  };
}

export type CampaignsRepository = ReturnType<typeof createCampaignsRepository>;
