import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarResponse, CampaignTaskView, CampaignsResponse, InboxResponse } from '@mpm/contracts';
import { reportKey, reportingCalendar, reportsDue, type ReportKind } from '@mpm/domain';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

type Who = 'admin' | 'inspector1' | 'inspector2' | 'planner1';

describe.each(TEST_DATABASES)('campaigns and the reporting calendar on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Who, payload?: object, lang = 'zh-CN') =>
    t.app.inject({ method, url, payload, headers: { 'accept-language': lang, cookie: cookies[who] } });
  const campaigns = async (): Promise<CampaignsResponse> => (await call('GET', '/api/campaigns', 'planner1')).json();
  const calendar = async (date: string): Promise<CalendarResponse> => {
    const answer = await call('GET', `/api/campaigns/calendar?date=${date}`, 'planner1');
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };
  const of = (c: CalendarResponse, code: string) => c.campaigns.find((x) => x.code === code)!;
  const brief = (dues: { kind: string; period: string; dueOn: string }[]) => dues.map((d) => `${d.kind} ${d.period} ${d.dueOn}`);
  const task = async (sourceRef: string): Promise<CampaignTaskView> =>
    (await campaigns()).campaigns.flatMap((c) => c.phases.flatMap((p) => p.tasks)).find((x) => x.sourceRef === sourceRef)!;
  const counts = async () => ({
    tasks: await t.db.knex('campaign_tasks').count({ n: '*' }).first(),
    reports: await t.db.knex('campaign_reports').count({ n: '*' }).first(),
    audit: await t.db.knex('audit_log').count({ n: '*' }).first(),
  });

  let demoSent: { campaignId: number; kind: ReportKind; period: string; submittedOn: string }[];
  let demoInbox: InboxResponse;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    // The demo bureau's reports sent (demo-reports.ts) are looked at on their own; the calendar's
    // rules are tested below with none sent, so each due and late report shows.
    demoSent = await t.db
      .knex('campaign_reports')
      .select('campaign_id AS campaignId', 'kind', 'period', t.db.knex.raw(`to_char(submitted_on, 'YYYY-MM-DD') AS "submittedOn"`));
    demoInbox = (await call('GET', '/api/inbox', 'inspector1')).json();
    await t.db.knex('campaign_reports').del();
  });

  it('loads the demo county with the reports a bureau would have sent by today: each on its day, but the campaigns’ closing ones', async () => {
    const rules = (await campaigns()).campaigns;
    const today = chinaToday();
    let late = 0;
    for (const campaign of rules) {
      const rule = campaign.reporting;
      const sent = demoSent.filter((r) => r.campaignId === campaign.id);
      const dues = reportsDue(rule);
      // Sent on the day each was due.
      for (const report of sent) expect(report.submittedOn, `${report.kind} ${report.period}`).toBe(dues.find((d) => d.kind === report.kind && d.period === report.period)!.dueOn);
      const calendarToday = reportingCalendar(rule, today, new Set(sent.map(reportKey)));
      expect(calendarToday.late.map(reportKey), campaign.code).toEqual(['monthReport:2022-12', 'yearReport:2022']);
      late += calendarToday.late.length;
    }
    expect(demoSent).toHaveLength(3 * 48 - 6);
    expect(late).toBe(6);
    // The inbox: six late reports (it had all 144), none due (the campaigns ended in 2022).
    const group = (kind: string) => demoInbox.groups.find((g) => g.kind === kind);
    expect(group('reportLate')!.count).toBe(6);
    expect(group('reportDue')!.count).toBe(0);
  });
  afterAll(() => t?.close());

  it('carries the Xinbin campaigns’ real tasks, units and deadlines, saying they are borrowed', async () => {
    const body = await campaigns();
    expect(body.campaigns.map((c) => c.code)).toEqual(['xinbin-structure', 'xinbin-restoration', 'xinbin-enforcement']);
    for (const c of body.campaigns) expect(c.note).toContain('借用新宾满族自治县');
    const [structure, restoration, enforcement] = body.campaigns;
    expect(structure!.source).toContain('seed 000');
    expect(structure!.reporting).toEqual({
      monthlyDay: 10,
      halfYearDay: 10,
      annualDay: 10,
      planDueOn: '2019-08-20',
      reportingFrom: '2019-08-20',
      reportingTo: '2022-12-31',
    });
    expect(restoration!.reporting).toMatchObject({ monthlyDay: 15, halfYearDay: 15, annualDay: 15 });
    expect(structure!.phases.map((p) => [p.name, p.startsOn, p.endsOn, p.tasks.length])).toEqual([
      ['准备部署阶段', '2018-10-01', '2018-12-31', 0],
      ['全面整治阶段', '2019-01-01', '2020-12-31', 3],
      ['巩固提升阶段', '2021-01-01', '2022-12-31', 3],
    ]);
    const mu = restoration!.phases[1]!.tasks[0]!;
    expect(mu).toMatchObject({
      title: expect.stringContaining('82亩'),
      responsibleUnits: ['县自然资源局', '各乡、镇人民政府'],
      deadline: '2020-12-31',
      deadlineText: '2020年12月31日前',
      sourceRef: '001 二（二）1',
      status: 'notStarted',
      evidence: null,
      overdue: true,
      deadlineBeforePhase: false,
    });
    // 003's 企业自查 sits in the phase from 2019-10 with a deadline of “2019年9月31日前”: shown, not repaired.
    const selfCheck = enforcement!.phases[1]!.tasks[0]!;
    expect(selfCheck).toMatchObject({ deadline: '2019-09-30', deadlineText: '2019年9月31日前', deadlineBeforePhase: true });
    const whole = enforcement!.phases[1]!.tasks[2]!;
    expect(whole).toMatchObject({ deadline: null, deadlineText: '贯穿专项行动全过程', overdue: false });
  });

  it('shows the right dues for a fixed date: the 10th and 15th, June’s half-year summary, what is late', async () => {
    const june = await calendar('2020-06-12');
    expect(june.windowDays).toBe(31);
    // Seed 000 (by the 10th): June's report and the half-year summary are two days late; July's is due.
    expect(brief(of(june, 'xinbin-structure').due)).toEqual(['monthReport 2020-07 2020-07-10']);
    expect(brief(of(june, 'xinbin-structure').late).slice(-3)).toEqual([
      'monthReport 2020-05 2020-05-10',
      'monthReport 2020-06 2020-06-10',
      'halfYearReport 2020-H1 2020-06-10',
    ]);
    expect(brief(of(june, 'xinbin-structure').late).slice(0, 2)).toEqual([
      'implementationPlan plan 2019-08-20',
      'monthReport 2019-09 2019-09-10',
    ]);
    // The plan, ten monthly reports (2019-09 to 2020-06), the 2019 annual summary, the half-year summary.
    expect(of(june, 'xinbin-structure').late).toHaveLength(1 + 10 + 1 + 1);
    // Seed 001 (by the 15th): both still due on the 12th.
    expect(brief(of(june, 'xinbin-restoration').due)).toEqual(['monthReport 2020-06 2020-06-15', 'halfYearReport 2020-H1 2020-06-15']);
    const december = await calendar('2022-12-01');
    expect(brief(of(december, 'xinbin-enforcement').due)).toEqual(['monthReport 2022-12 2022-12-10', 'yearReport 2022 2022-12-10']);
    const after = await calendar('2023-03-01');
    expect(of(after, 'xinbin-enforcement').due).toEqual([]);
  });

  it('takes a report sent off the late list, once, and only a report the campaign asks for', async () => {
    const id = of(await calendar('2020-06-12'), 'xinbin-structure').campaignId;
    const sent = await call('POST', `/api/campaigns/${id}/reports`, 'inspector1', { kind: 'halfYearReport', period: '2020-H1', submittedOn: '2020-06-11' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ kind: 'halfYearReport', period: '2020-H1', dueOn: '2020-06-10', submittedOn: '2020-06-11' });
    const june = of(await calendar('2020-06-12'), 'xinbin-structure');
    expect(brief(june.late)).not.toContain('halfYearReport 2020-H1 2020-06-10');
    expect(brief(june.submitted)).toEqual(['halfYearReport 2020-H1 2020-06-10']);
    // Off the list from the day it was sent; on its own day it was still due.
    expect(brief(of(await calendar('2020-06-11'), 'xinbin-structure').late)).not.toContain('halfYearReport 2020-H1 2020-06-10');
    expect(brief(of(await calendar('2020-06-10'), 'xinbin-structure').due)).toContain('halfYearReport 2020-H1 2020-06-10');

    const before = await counts();
    const twice = await call('POST', `/api/campaigns/${id}/reports`, 'inspector2', { kind: 'halfYearReport', period: '2020-H1', submittedOn: '2020-06-12' });
    expect(twice.json()).toMatchObject({ statusCode: 409, code: 'reportAlreadySubmitted' });
    const wrong = await call('POST', `/api/campaigns/${id}/reports`, 'inspector1', { kind: 'halfYearReport', period: '2020-06', submittedOn: '2020-06-12' });
    expect(wrong.json()).toMatchObject({ statusCode: 400, code: 'reportNotExpected' });
    const future = await call('POST', `/api/campaigns/${id}/reports`, 'inspector1', { kind: 'yearReport', period: '2022', submittedOn: '2999-01-01' });
    expect(future.json()).toMatchObject({ statusCode: 400, code: 'dateInFuture' });
    const planner = await call('POST', `/api/campaigns/${id}/reports`, 'planner1', { kind: 'yearReport', period: '2022', submittedOn: '2022-12-01' });
    expect(planner.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('updates a task’s status and evidence from its revision, and refuses a deadline before its phase', async () => {
    const mu = await task('001 二（二）1');
    const done = await call('PATCH', `/api/campaigns/tasks/${mu.id}`, 'inspector1', {
      baseRevision: mu.revision,
      status: 'completed',
      evidence: '2019、2020年度治理验收资料',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', evidence: '2019、2020年度治理验收资料', overdue: false, revision: mu.revision + 1, updatedBy: '巡查员甲' });
    const stale = await call('PATCH', `/api/campaigns/tasks/${mu.id}`, 'inspector2', { baseRevision: mu.revision, status: 'inProgress' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'versionConflict' });
    expect(stale.json().message).toContain('巡查员甲');

    const before = await counts();
    const early = await call('PATCH', `/api/campaigns/tasks/${mu.id}`, 'inspector1', { baseRevision: mu.revision + 1, deadline: '2018-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'taskDeadlineBeforePhase' });
    expect(early.json().message).toContain('全面整治阶段');
    const phaseId = mu.phaseId;
    const campaignId = (await campaigns()).campaigns.find((c) => c.phases.some((p) => p.id === phaseId))!.id;
    const added = { phaseId, title: '乡镇治理进度核查', responsibleUnits: ['县自然资源局'], deadline: '2018-06-30' };
    const refused = await call('POST', `/api/campaigns/${campaignId}/tasks`, 'admin', added, 'en');
    expect(refused.json()).toMatchObject({ statusCode: 400, code: 'taskDeadlineBeforePhase' });
    expect(refused.json().message).toContain('2019-01-01');
    expect(await counts()).toEqual(before);

    const made = await call('POST', `/api/campaigns/${campaignId}/tasks`, 'admin', { ...added, deadline: '2020-06-30' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ phaseId, ordinal: 5, status: 'notStarted', deadline: '2020-06-30' });
    const audit = await t.db.knex('audit_log').where({ entity: 'campaign_task' }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['update', 'create']);
  });

  it('puts overdue tasks and late and due reports in the inbox of who works them', async () => {
    const inbox: InboxResponse = (await call('GET', '/api/inbox', 'inspector2')).json();
    const group = (kind: string) => inbox.groups.find((g) => g.kind === kind);
    // Every borrowed task with a deadline is past it today, but the one marked done above.
    const all = (await campaigns()).campaigns.flatMap((c) => c.phases.flatMap((p) => p.tasks));
    expect(group('overdueTask')!.count).toBe(all.filter((x) => x.overdue).length);
    expect(group('overdueTask')!.count).toBe(all.filter((x) => x.deadline !== null).length - 1);
    expect(group('overdueTask')!.items[0]).toMatchObject({ date: '2019-06-30', target: { mode: 'inspect', record: 'campaign' } });
    // The campaigns ended in 2022: nothing due, every report not sent late (48 a campaign, one sent).
    expect(group('reportDue')!.count).toBe(0);
    expect(group('reportLate')!.count).toBe(3 * 48 - 1);
    expect(group('reportLate')!.items[0]).toMatchObject({ date: '2019-08-20', report: { kind: 'implementationPlan', period: 'plan' } });
    const planner: InboxResponse = (await call('GET', '/api/inbox', 'planner1')).json();
    expect(planner.groups.map((g) => g.kind)).toEqual(['expiringLicence']);
  });
});
