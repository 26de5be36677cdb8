import type { Knex } from 'knex';
import type { CampaignTaskView, CreateTaskBody, SubmitReportBody, SubmittedReportView, UpdateTaskBody } from '@mpm/contracts';
import { expectsReport, taskDeadlineBeforePhase } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { LEDGER_PROBLEMS } from '../ledger/ledger-reasons.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { CAMPAIGN_PROBLEMS as P } from './campaign-reasons.ts';
import type { TaskRow } from './campaigns-repository.ts';
import { taskView } from './campaign-view.ts';

/** What a campaign write needs from the app. */
export interface CampaignContext {
  knex: Knex;
  repos: Pick<Repositories, 'campaigns' | 'audit'>;
  now: Date;
}

/** PostgreSQL's SQLSTATE for a unique index refusing a row. */
const UNIQUE_VIOLATION = '23505';

const text = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/** The task as the audit log keeps it. */
const auditRow = ({ updatedBy: _by, updatedAt: _at, ...row }: TaskRow) => row;

/** The task as it stands in `trx`, as staff see it. */
async function viewIn(context: CampaignContext, id: number, trx: Knex): Promise<CampaignTaskView> {
  const task = (await context.repos.campaigns.lockTask(id, trx))!;
  const phase = (await context.repos.campaigns.phase(task.phaseId, trx))!;
  return taskView(task, phase, chinaToday(context.now));
}

/**
 * `PATCH /api/campaigns/tasks/:id`: a task's status, evidence or deadline, from the current
 * revision (409 naming who made it and when); a deadline before its phase starts is refused.
 */
export function updateTask(context: CampaignContext, id: number, body: UpdateTaskBody, user: User): Promise<CampaignTaskView> {
  const { campaigns } = context.repos;
  return auditedWrite(context, {
    by: user.id,
    action: 'update',
    entity: 'campaign_task',
    entityId: id,
    read: async (trx) => {
      const task = await campaigns.lockTask(id, trx);
      if (!task) throw P.taskNotFound(id);
      return task;
    },
    expected: {
      base: body.baseRevision,
      stamp: (task) => ({ version: task.revision, by: task.updatedBy, at: task.updatedAt }),
      label: () => ({ zh: `工作任务 ${id} `, en: `Campaign task ${id}` }),
    },
    write: async (trx, task) => {
      if (body.deadline !== undefined && body.deadline !== null) {
        const phase = (await campaigns.phase(task.phaseId, trx))!;
        if (taskDeadlineBeforePhase(body.deadline, phase.startsOn)) throw P.deadlineBeforePhase(body.deadline, phase);
      }
      await campaigns.updateTask(
        id,
        {
          ...(body.status !== undefined && { status: body.status }),
          ...(body.evidence !== undefined && { evidence: text(body.evidence) }),
          ...(body.deadline !== undefined && { deadline: body.deadline }),
        },
        user.id,
        trx,
      );
      return viewIn(context, id, trx);
    },
    before: auditRow,
    after: async (_view, trx) => auditRow((await campaigns.lockTask(id, trx))!),
  });
}

/** `POST /api/campaigns/:id/tasks`: a task added to a phase of the campaign; its deadline may not precede the phase. */
export async function createTask(context: CampaignContext, campaignId: number, body: CreateTaskBody, user: User): Promise<CampaignTaskView> {
  const title = text(body.title);
  if (!title) throw P.blankTitle();
  const units = body.responsibleUnits.map(text);
  if (units.some((u) => u === null)) throw P.blankUnit();
  const { campaigns } = context.repos;
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'campaign_task',
    entityId: (view: CampaignTaskView) => view.id,
    write: async (trx) => {
      const phase = await campaigns.phase(body.phaseId, trx);
      if (!phase || phase.campaignId !== campaignId) {
        if (!(await campaigns.campaigns(trx)).some((c) => c.id === campaignId)) throw P.campaignNotFound(campaignId);
        throw P.phaseNotInCampaign(body.phaseId, campaignId);
      }
      if (taskDeadlineBeforePhase(body.deadline, phase.startsOn)) throw P.deadlineBeforePhase(body.deadline!, phase);
      const id = await campaigns.insertTask(
        { phaseId: phase.id, title, responsibleUnits: units as string[], deadline: body.deadline, deadlineText: text(body.deadlineText), sourceRef: null },
        user.id,
        trx,
      );
      return viewIn(context, id, trx);
    },
    after: async (view, trx) => auditRow((await campaigns.lockTask(view.id, trx))!),
  });
}

/**
 * `POST /api/campaigns/:id/reports`: records a report the campaign asks for as sent (once);
 * the calendar then no longer shows it due or late.
 */
export async function submitReport(
  context: CampaignContext,
  campaignId: number,
  body: SubmitReportBody,
  user: User,
): Promise<SubmittedReportView> {
  const today = chinaToday(context.now);
  if (body.submittedOn > today) throw LEDGER_PROBLEMS.dateInFuture('submittedOn', body.submittedOn, today);
  const { campaigns } = context.repos;
  const campaign = (await campaigns.campaigns()).find((c) => c.id === campaignId);
  if (!campaign) throw P.campaignNotFound(campaignId);
  const due = expectsReport(campaign.rule, body.kind, body.period);
  if (!due) throw P.reportNotExpected(body.kind, body.period);
  const report = { campaignId, kind: body.kind, period: body.period, submittedOn: body.submittedOn, note: text(body.note) };
  try {
    await auditedWrite(context, {
      by: user.id,
      action: 'submitReport',
      entity: 'campaign',
      entityId: campaignId,
      write: (trx) => campaigns.insertReport(report, user.id, trx),
      after: () => report,
    });
    return { ...due, submittedOn: body.submittedOn };
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw P.reportAlreadySubmitted(body.kind, body.period);
    throw err;
  }
}
