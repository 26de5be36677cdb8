import type {
  ParcelStatesResponse,
  RestorationDetailRow,
  RestorationDiscrepancy,
  RestorationSummaryRow,
  RestorationTargetsBody,
} from '@mpm/contracts';
import {
  MINE_CATEGORIES,
  RESTORATION_STATUSES,
  isDiscrepancy,
  roundTo,
  term,
  townshipFigures as sumByTownship,
  type Language,
  type MineCategory,
  type RestorationStatus,
  type TownshipFigure,
} from '@mpm/domain';
import { FIRST_YEAR } from '../../state/public-store.ts';

const locale = (lang: Language) => (lang === 'zh' ? 'zh-CN' : 'en-US');

/** A number of mu as the documents write them: up to 2 decimals, no trailing zeros (40.4, 106). */
export const formatMuNumber = (value: number, lang: Language): string =>
  roundTo(value, 2).toLocaleString(locale(lang), { maximumFractionDigits: 2 });

/** `40.4 亩` / `40.4 mu`. */
export const formatMu = (value: number, lang: Language): string => `${formatMuNumber(value, lang)} ${term('unitMu', lang)}`;

/** A share as a whole percentage, or an en dash when there is nothing to divide by. */
export const formatPercent = (part: number, whole: number, lang: Language): string =>
  whole > 0 ? `${Math.round((part / whole) * 100).toLocaleString(locale(lang))}%` : '–';

/** The mine categories of a target group as words: `政策性关闭矿山、废弃矿山`. */
export const categoriesLabel = (categories: readonly MineCategory[], lang: Language): string =>
  categories.map((category) => term(category, lang)).join(lang === 'zh' ? '、' : ' + ');

/** The years the slider offers: from the plan's first year (else the first target's) to this year. */
export function yearRange(targets: RestorationTargetsBody | null, thisYear: number): { min: number; max: number } {
  const years = targets?.targets.map((target) => target.year) ?? [];
  const first = targets?.period?.fromYear ?? (years.length ? Math.min(...years) : FIRST_YEAR);
  return { min: Math.min(first, thisYear), max: thisYear };
}

/** The target groups in the order the document lists them (by their first category). */
export function targetGroups(rows: readonly RestorationSummaryRow[]): { key: string; categories: MineCategory[] }[] {
  const groups = new Map<string, MineCategory[]>();
  for (const row of rows) if (!groups.has(row.category)) groups.set(row.category, [...row.categories] as MineCategory[]);
  const rank = (categories: readonly MineCategory[]) => Math.min(...categories.map((c) => MINE_CATEGORIES.indexOf(c)));
  return [...groups].map(([key, categories]) => ({ key, categories })).sort((a, b) => rank(a.categories) - rank(b.categories));
}

/** Sums of a group's rows over all its years: the "sum of the parts" of the yearly targets. */
export function groupTotals(rows: readonly RestorationSummaryRow[], key: string) {
  const own = rows.filter((row) => row.category === key);
  const sum = (pick: (row: RestorationSummaryRow) => number) => own.reduce((total, row) => total + pick(row), 0);
  return { targetMu: sum((r) => r.targetMu), doneMu: sum((r) => r.doneMu), doneToDateMu: sum((r) => r.doneToDateMu) };
}

/** Stated totals that disagree with the sum of their parts by more than rounding. */
export const flaggedDiscrepancies = (discrepancies: readonly RestorationDiscrepancy[]) =>
  discrepancies.filter((d) => isDiscrepancy(d.differenceMu));

export type { TownshipFigure };

/** The detail rows summed over years, per township and category; a township without a name shows its code. */
export const townshipFigures = (details: readonly RestorationDetailRow[]): TownshipFigure[] =>
  sumByTownship(details).map((row) => ({ ...row, townshipName: row.townshipName || row.townshipCode }));

/** Parcels and their area per status on the day, every status listed (zero when none). */
export function statusTotals(states: ParcelStatesResponse | null): { status: RestorationStatus; parcels: number; areaMu: number }[] {
  return RESTORATION_STATUSES.map((status) => {
    const own = states?.parcels.filter((parcel) => parcel.status === status) ?? [];
    return { status, parcels: own.length, areaMu: own.reduce((total, parcel) => total + parcel.areaMu, 0) };
  });
}
