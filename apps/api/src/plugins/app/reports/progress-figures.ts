import {
  MINE_CATEGORIES,
  isDiscrepancy,
  roundMu as mu,
  roundTo,
  townshipFigures,
  type MineCategory,
  type RestorationStatus,
} from '@mpm/domain';
import type { ParcelStatesResponse, RestorationDiscrepancy, RestorationSummaryResponse } from '@mpm/contracts';

/** Each parcel's status on one day. */
type ParcelStates = readonly Pick<ParcelStatesResponse['parcels'][number], 'id' | 'status'>[];

/** One target row (year × category group) over the period, areas in mu. */
export interface ProgressRow {
  year: number;
  /** The group's key: one category, or several joined by `+`. */
  category: string;
  categories: MineCategory[];
  targetMu: number;
  plannedMu: number;
  /** Restored between the period's first and last day (inclusive). */
  doneInPeriodMu: number;
  /** Restored by the period's last day. */
  doneToDateMu: number;
  /** `doneToDateMu` as a percentage of `targetMu`; null without a target. */
  percentOfTarget: number | null;
}

/** One township and single category, all target years together, areas in mu. */
export interface TownshipProgressRow {
  townshipCode: string;
  townshipName: string;
  category: MineCategory;
  plannedMu: number;
  doneInPeriodMu: number;
  doneToDateMu: number;
  parcels: number;
}

/** The report's headline figures. */
export interface ProgressHeadline {
  year: number;
  /** Targets of the report's year, and what was done against them by the period's end. */
  yearTargetMu: number;
  yearDoneToDateMu: number;
  yearPercent: number | null;
  /** Done in the period on parcels of any target year. */
  doneInPeriodMu: number;
  /** All target years. */
  allTargetMu: number;
  allDoneToDateMu: number;
  /** Parcels that reached 已完成 or 已验收 during the period. */
  parcelsFinishedInPeriod: number;
  /** Stated totals that disagree with the sum of their parts. */
  discrepancies: number;
}

/** Everything the report prints from the restoration data. */
export interface ProgressFigures {
  headline: ProgressHeadline;
  rows: ProgressRow[];
  townships: TownshipProgressRow[];
  discrepancies: RestorationDiscrepancy[];
}

const FINISHED: readonly RestorationStatus[] = ['completed', 'accepted'];
const percent = (done: number, target: number) => (target > 0 ? roundTo((100 * done) / target, 1) : null);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The period's figures from two summaries: `end` as of the period's last day and `before` as
 * of the day before its first. Done in the period is the difference of the two done-to-date
 * figures, per target row and per township and category; parcel states on the same two days
 * count the parcels finished in the period.
 */
export function progressFigures(
  year: number,
  before: RestorationSummaryResponse,
  end: RestorationSummaryResponse,
  states: { before: ParcelStates; end: ParcelStates },
): ProgressFigures {
  const rowKey = (r: { year: number; category: string }) => `${r.year}|${r.category}`;
  const doneBefore = new Map(before.rows.map((r) => [rowKey(r), r.doneToDateMu]));
  const rows: ProgressRow[] = end.rows
    .map((r) => ({
      year: r.year,
      category: r.category,
      categories: r.categories,
      targetMu: mu(r.targetMu),
      plannedMu: mu(r.plannedMu),
      doneInPeriodMu: mu(r.doneToDateMu - (doneBefore.get(rowKey(r)) ?? 0)),
      doneToDateMu: mu(r.doneToDateMu),
      percentOfTarget: percent(r.doneToDateMu, r.targetMu),
    }))
    .sort((a, b) => a.year - b.year || categoryOrder(a.categories[0]) - categoryOrder(b.categories[0]));

  const townships = townshipRows(before, end);
  const finishedBefore = new Set(states.before.filter((p) => FINISHED.includes(p.status)).map((p) => p.id));
  const finishedInPeriod = states.end.filter((p) => FINISHED.includes(p.status) && !finishedBefore.has(p.id));
  const ofYear = rows.filter((r) => r.year === year);
  const yearTargetMu = mu(sum(ofYear.map((r) => r.targetMu)));
  const yearDoneToDateMu = mu(sum(ofYear.map((r) => r.doneToDateMu)));
  const allTargetMu = mu(sum(rows.map((r) => r.targetMu)));
  return {
    headline: {
      year,
      yearTargetMu,
      yearDoneToDateMu,
      yearPercent: percent(yearDoneToDateMu, yearTargetMu),
      doneInPeriodMu: mu(sum(rows.map((r) => r.doneInPeriodMu))),
      allTargetMu,
      allDoneToDateMu: mu(sum(rows.map((r) => r.doneToDateMu))),
      parcelsFinishedInPeriod: finishedInPeriod.length,
      discrepancies: end.discrepancies.filter((d) => isDiscrepancy(d.differenceMu)).length,
    },
    rows,
    townships,
    discrepancies: end.discrepancies,
  };
}

const categoryOrder = (c: MineCategory | undefined) => (c ? MINE_CATEGORIES.indexOf(c) : MINE_CATEGORIES.length);

/** The summaries' detail rows summed over target years, by township and category. */
function townshipRows(before: RestorationSummaryResponse, end: RestorationSummaryResponse): TownshipProgressRow[] {
  const key = (r: { townshipCode: string; category: string }) => `${r.townshipCode}|${r.category}`;
  const doneBefore = new Map(townshipFigures(before.details).map((r) => [key(r), r.doneToDateMu]));
  return townshipFigures(end.details).map((r) => ({ ...r, doneInPeriodMu: mu(r.doneToDateMu - (doneBefore.get(key(r)) ?? 0)) }));
}
