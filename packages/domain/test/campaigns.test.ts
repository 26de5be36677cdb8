import { describe, expect, it } from 'vitest';
import { addDays, reportingCalendar, reportsDue, taskDeadlineBeforePhase, taskOverdue, type ReportingRule } from '../src/campaigns.ts';

/** Seed 001's rhythm: everything by the 15th. */
const rule: ReportingRule = { monthlyDay: 15, halfYearDay: 15, annualDay: 15, planDueOn: '2019-08-20', reportingFrom: '2019-08-20', reportingTo: '2022-12-31' };

describe('reporting calendar', () => {
  it('expects the plan, a report each month, a half-year summary each June and an annual one each December, within the campaign', () => {
    const dues = reportsDue(rule);
    expect(dues[0]).toEqual({ kind: 'implementationPlan', period: 'plan', dueOn: '2019-08-20' });
    expect(dues[1]).toEqual({ kind: 'monthReport', period: '2019-09', dueOn: '2019-09-15' });
    expect(dues.at(-1)).toEqual({ kind: 'yearReport', period: '2022', dueOn: '2022-12-15' });
    expect(dues.filter((d) => d.kind === 'halfYearReport').map((d) => d.dueOn)).toEqual(['2020-06-15', '2021-06-15', '2022-06-15']);
    expect(dues).toHaveLength(1 + 40 + 3 + 4);
  });

  it('says what is due within the window and what is late on a day, leaving out what was sent', () => {
    const on = reportingCalendar(rule, '2020-06-15', new Set(['monthReport:2020-05']));
    expect(on.due.map((d) => d.period)).toEqual(['2020-06', '2020-H1', '2020-07']);
    expect(on.late.map((d) => d.period)).not.toContain('2020-05');
    expect(on.late.at(-1)).toEqual({ kind: 'monthReport', period: '2020-04', dueOn: '2020-04-15' });
    const next = reportingCalendar(rule, '2020-06-16', new Set());
    expect(next.late.slice(-2).map((d) => d.period)).toEqual(['2020-06', '2020-H1']);
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2020-12-20', 31)).toBe('2021-01-20');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  });
});

describe('campaign tasks', () => {
  it('flags a deadline before its phase starts, and a task past its deadline that is not done', () => {
    expect(taskDeadlineBeforePhase('2019-09-30', '2019-10-01')).toBe(true);
    expect(taskDeadlineBeforePhase('2019-10-01', '2019-10-01')).toBe(false);
    expect(taskDeadlineBeforePhase(null, '2019-10-01')).toBe(false);
    expect(taskOverdue({ deadline: '2020-12-31', status: 'inProgress' }, '2021-01-01')).toBe(true);
    expect(taskOverdue({ deadline: '2020-12-31', status: 'completed' }, '2021-01-01')).toBe(false);
    expect(taskOverdue({ deadline: '2020-12-31', status: 'notStarted' }, '2020-12-31')).toBe(false);
  });
});
