import type { Language, ReportPeriod } from '@mpm/domain';
import type { ProgressReportQuery } from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import {
  HALF_MISSING,
  HALF_NOT_ALLOWED,
  MONTH_MISSING,
  MONTH_NOT_ALLOWED,
  PERIOD_IN_FUTURE,
  YEAR_OUTSIDE_PLAN,
} from '../restoration/restoration-reasons.ts';

/** A reporting period as calendar days (ISO `YYYY-MM-DD`, China time). */
export interface PeriodSpan {
  kind: ReportPeriod;
  year: number;
  /** 1–12, for a month. */
  month?: number;
  /** 1 (January–June) or 2 (July–December), for a half-year. */
  half?: 1 | 2;
  /** First day. */
  from: string;
  /** Last day. */
  to: string;
  /** The day before `from`: what was done by then is not done in the period. */
  dayBefore: string;
}

/** Years a report may cover: the restoration plan's. */
export interface PlanYears {
  from: number;
  to: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
/** Day 0 of the next month is the last day of this one. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function dayBefore(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const span = (kind: ReportPeriod, year: number, firstMonth: number, lastMonth: number) => {
  const from = isoDay(year, firstMonth, 1);
  return { kind, year, from, to: isoDay(year, lastMonth, lastDay(year, lastMonth)), dayBefore: dayBefore(from) };
};

/**
 * The period a query asks for: a month needs `month`, a half-year `half`, a year neither. A
 * member that does not belong to the period is refused rather than ignored, so a typo in the
 * period never prints a report of another one. Throws a 400 naming the member.
 */
export function resolvePeriod(query: ProgressReportQuery): PeriodSpan {
  const { period, year, month, half } = query;
  if (period === 'month') {
    if (month === undefined) {
      throw badRequest(MONTH_MISSING, {
        zh: '月度报告需要参数 month（1—12），例如 period=month&year=2022&month=6。',
        en: 'A monthly report needs month (1–12), e.g. period=month&year=2022&month=6.',
      });
    }
    if (half !== undefined) throw misplaced('half', period);
    return { ...span(period, year, month, month), month };
  }
  if (period === 'halfYear') {
    if (half === undefined) {
      throw badRequest(HALF_MISSING, {
        zh: '半年总结需要参数 half：1 为上半年（1—6 月），2 为下半年（7—12 月）。',
        en: 'A half-year summary needs half: 1 for January–June, 2 for July–December.',
      });
    }
    if (month !== undefined) throw misplaced('month', period);
    return { ...span(period, year, half === 1 ? 1 : 7, half === 1 ? 6 : 12), half: half === 1 ? 1 : 2 };
  }
  if (month !== undefined) throw misplaced('month', period);
  if (half !== undefined) throw misplaced('half', period);
  return span(period, year, 1, 12);
}

function misplaced(member: 'month' | 'half', period: ReportPeriod) {
  const zhPeriod = { month: '月度报告', halfYear: '半年总结', year: '年度总结' }[period];
  return badRequest(member === 'month' ? MONTH_NOT_ALLOWED : HALF_NOT_ALLOWED, {
    zh: `${zhPeriod}（period=${period}）不接受参数 ${member}；请去掉它，或改用相应的 period。`,
    en: `A ${period} report takes no ${member}; drop it or choose the matching period.`,
  });
}

/**
 * Refuses a period that has not begun on `today` or lies outside the plan years (400). A
 * period under way is allowed: it is reported up to `today`.
 */
export function checkPeriodDates(period: PeriodSpan, today: string, planYears: PlanYears): void {
  if (period.from > today) {
    throw badRequest(PERIOD_IN_FUTURE, {
      zh: `报告期 ${period.from} 至 ${period.to} 尚未开始（今天是 ${today}），无法生成报告。`,
      en: `The period ${period.from} to ${period.to} has not begun (today is ${today}); there is nothing to report.`,
    });
  }
  if (period.year < planYears.from || period.year > planYears.to) {
    throw badRequest(YEAR_OUTSIDE_PLAN, {
      zh: `year=${period.year} 不在恢复治理规划的年度 ${planYears.from}—${planYears.to} 年内。`,
      en: `year=${period.year} is outside the restoration plan's years, ${planYears.from} to ${planYears.to}.`,
    });
  }
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The period as a title names it: `2022年6月`, `2022年上半年`, `2022年度`; `June 2022`, `first half of 2022`, `2022`. */
export function periodName(period: PeriodSpan, lang: Language): string {
  if (lang === 'en') {
    if (period.month) return `${MONTHS_EN[period.month - 1]} ${period.year}`;
    if (period.half) return `${period.half === 1 ? 'first' : 'second'} half of ${period.year}`;
    return String(period.year);
  }
  if (period.month) return `${period.year}年${period.month}月`;
  if (period.half) return `${period.year}年${period.half === 1 ? '上' : '下'}半年`;
  return `${period.year}年度`;
}

/** A short ASCII key of the period for file names: `2022-06`, `2022-H1`, `2022`. */
export function periodKey(period: PeriodSpan): string {
  if (period.month) return `${period.year}-${pad(period.month)}`;
  if (period.half) return `${period.year}-H${period.half}`;
  return String(period.year);
}
