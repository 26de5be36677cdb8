import type { TermKey } from './glossary.ts';

/**
 * Campaigns (专项行动) as data: phases with dates, tasks with responsible units and a deadline
 * (完成时限), and the reporting rhythm every Xinbin campaign sets (seeds 000, 001, 003, 三（五）
 * 及时报送信息): an implementation plan by a day, a progress report each month by the 10th or 15th,
 * a half-year summary by that day of June and an annual summary by that day of December.
 */

/** A task's progress: 未开始 → 推进中 → 已完成. */
export const TASK_STATUSES = ['notStarted', 'inProgress', 'completed'] as const satisfies readonly TermKey[];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The reports a campaign asks for (三（五）). */
export const REPORT_KINDS = ['implementationPlan', 'monthReport', 'halfYearReport', 'yearReport'] as const satisfies readonly TermKey[];
export type ReportKind = (typeof REPORT_KINDS)[number];

/** How many days ahead a report counts as due (to be prepared now) on the calendar. */
export const REPORT_DUE_WINDOW_DAYS = 31;

/** A campaign's reporting rhythm, as its document states it. Dates are `YYYY-MM-DD`. */
export interface ReportingRule {
  /** Day of the month the monthly progress report is due by (每月10日前 / 15日前). */
  monthlyDay: number;
  /** Day of June the half-year summary is due by. */
  halfYearDay: number;
  /** Day of December the annual summary is due by. */
  annualDay: number;
  /** When the implementation plan is due (8月20日前), or null when none is asked for. */
  planDueOn: string | null;
  /** Regular reports fall due after this day (the plan's due day: reporting starts once it is in). */
  reportingFrom: string;
  /** The campaign's last day; no report falls due after it. */
  reportingTo: string;
}

/** One report a campaign expects: what, for which period (`2020-06`, `2020-H1`, `2020`, `plan`), by when. */
export interface ReportDue {
  kind: ReportKind;
  period: string;
  dueOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(d)}`;

/** The key a report's submission is recorded under. */
export const reportKey = (due: Pick<ReportDue, 'kind' | 'period'>) => `${due.kind}:${due.period}`;

/** Every report `rule` expects, by due date (then kind order). */
export function reportsDue(rule: ReportingRule): ReportDue[] {
  const dues: ReportDue[] = [];
  if (rule.planDueOn) dues.push({ kind: 'implementationPlan', period: 'plan', dueOn: rule.planDueOn });
  const inRange = (date: string) => date > rule.reportingFrom && date <= rule.reportingTo;
  const firstYear = Number(rule.reportingFrom.slice(0, 4));
  const lastYear = Number(rule.reportingTo.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    for (let month = 1; month <= 12; month++) {
      const monthly = day(year, month, rule.monthlyDay);
      if (inRange(monthly)) dues.push({ kind: 'monthReport', period: `${year}-${pad(month)}`, dueOn: monthly });
      if (month === 6 && inRange(day(year, 6, rule.halfYearDay)))
        dues.push({ kind: 'halfYearReport', period: `${year}-H1`, dueOn: day(year, 6, rule.halfYearDay) });
      if (month === 12 && inRange(day(year, 12, rule.annualDay)))
        dues.push({ kind: 'yearReport', period: String(year), dueOn: day(year, 12, rule.annualDay) });
    }
  }
  const order = (kind: ReportKind) => REPORT_KINDS.indexOf(kind);
  return dues.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || order(a.kind) - order(b.kind));
}

/** `date` plus `days`, as `YYYY-MM-DD` (calendar days, no time zone). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A report's state on a day: late (past its day, not in), due (within the window), or neither. */
export interface CalendarState {
  /** Not submitted and due within {@link REPORT_DUE_WINDOW_DAYS} days from `today` (today included). */
  due: ReportDue[];
  /** Not submitted and its day has passed. */
  late: ReportDue[];
}

/** What `rule` has due and late on `today`, given the reports already submitted (by {@link reportKey}). */
export function reportingCalendar(rule: ReportingRule, today: string, submitted: ReadonlySet<string>): CalendarState {
  const horizon = addDays(today, REPORT_DUE_WINDOW_DAYS);
  const open = reportsDue(rule).filter((due) => !submitted.has(reportKey(due)));
  return {
    due: open.filter((d) => d.dueOn >= today && d.dueOn <= horizon),
    late: open.filter((d) => d.dueOn < today),
  };
}

/** Whether a report period is one `rule` expects for `kind` (so a submission names a real report). */
export const expectsReport = (rule: ReportingRule, kind: ReportKind, period: string): ReportDue | undefined =>
  reportsDue(rule).find((due) => due.kind === kind && due.period === period);

/**
 * A task's deadline may not precede the start of its phase: such a task could never be done
 * within the phase it belongs to. Null when the deadline is fine (or there is none: 贯穿全过程).
 */
export const taskDeadlineBeforePhase = (deadline: string | null, phaseStartsOn: string): boolean =>
  deadline !== null && deadline < phaseStartsOn;

/** A task is overdue on `today` when its deadline has passed and it is not done. */
export const taskOverdue = (task: { deadline: string | null; status: TaskStatus }, today: string): boolean =>
  task.deadline !== null && task.deadline < today && task.status !== 'completed';
