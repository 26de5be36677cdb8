import type { Knex } from 'knex';
import type { CalendarResponse, CampaignTaskView, CampaignsResponse } from '@mpm/contracts';
import { REPORT_DUE_WINDOW_DAYS, reportKey, reportingCalendar, reportsDue, taskDeadlineBeforePhase, taskOverdue } from '@mpm/domain';
import type { CampaignsRepository, PhaseRow, TaskRow } from './campaigns-repository.ts';

/** A task as staff see it on `today`. */
export const taskView = (task: TaskRow, phase: Pick<PhaseRow, 'startsOn'>, today: string): CampaignTaskView => ({
  ...task,
  overdue: taskOverdue(task, today),
  deadlineBeforePhase: taskDeadlineBeforePhase(task.deadline, phase.startsOn),
  updatedAt: new Date(task.updatedAt).toISOString(),
});

/** Every campaign with its phases and tasks, judged on `today`. */
export async function campaignsView(repo: CampaignsRepository, today: string, db?: Knex): Promise<CampaignsResponse> {
  const [campaigns, phases, tasks] = [await repo.campaigns(db), await repo.phases(db), await repo.tasks(db)];
  return {
    today,
    campaigns: campaigns.map(({ rule, ...c }) => ({
      ...c,
      reporting: rule,
      phases: phases
        .filter((p) => p.campaignId === c.id)
        .map(({ campaignId: _c, ...p }) => ({ ...p, tasks: tasks.filter((t) => t.phaseId === p.id).map((t) => taskView(t, p, today)) })),
    })),
  };
}

/** The reporting calendar on `date`: per campaign, what is due within the window, what is late, what was sent. */
export async function calendarView(repo: CampaignsRepository, date: string): Promise<CalendarResponse> {
  const [campaigns, reports] = [await repo.campaigns(), await repo.reports()];
  return {
    date,
    windowDays: REPORT_DUE_WINDOW_DAYS,
    campaigns: campaigns.map((c) => {
      const sent = reports.filter((r) => r.campaignId === c.id && r.submittedOn <= date);
      const { due, late } = reportingCalendar(c.rule, date, new Set(sent.map(reportKey)));
      const expected = new Map(reportsDue(c.rule).map((d) => [reportKey(d), d]));
      return {
        campaignId: c.id,
        code: c.code,
        name: c.name,
        due,
        late,
        submitted: sent.flatMap((r) => {
          const d = expected.get(reportKey(r));
          return d ? [{ ...d, submittedOn: r.submittedOn }] : [];
        }),
      };
    }),
  };
}
