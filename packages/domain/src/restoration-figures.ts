import { MINE_CATEGORIES, type MineCategory } from './restoration.ts';
import { roundTo } from './units.ts';

/** Differences below this many mu are rounding, not a discrepancy (the figures carry 2 decimals). */
export const MU_TOLERANCE = 0.005;

/** An area in mu to 0.01, the precision of the restoration figures, free of floating-point dust. */
export const roundMu = (areaMu: number): number => roundTo(areaMu, 2);

/** Whether a stated total and the sum of its parts (`differenceMu` = stated − sum) differ by more than rounding. */
export const isDiscrepancy = (differenceMu: number): boolean => Math.abs(differenceMu) >= MU_TOLERANCE;

/** Whether the area restored reaches the target, rounding allowed for. */
export const targetMet = (doneMu: number, targetMu: number): boolean => doneMu + MU_TOLERANCE >= targetMu;

/** Orders mine categories as the catalogue lists them (生产, 政策性关闭, 废弃, 历史遗留). */
export const compareMineCategories = (a: MineCategory, b: MineCategory): number =>
  MINE_CATEGORIES.indexOf(a) - MINE_CATEGORIES.indexOf(b);

/** One township's parcels of one mine category: how many, the area planned and the area restored to date, in mu. */
export interface TownshipFigure {
  townshipCode: string;
  townshipName: string;
  category: MineCategory;
  parcels: number;
  plannedMu: number;
  doneToDateMu: number;
}

/**
 * Restoration detail rows (one per planned year, township and category) summed over the years,
 * per township and category: areas to 0.01 mu, ordered by township code, then category in
 * catalogue order. Rows may carry more members (year, done that year); they are ignored.
 */
export function townshipFigures(details: readonly TownshipFigure[]): TownshipFigure[] {
  const byKey = new Map<string, TownshipFigure>();
  for (const row of details) {
    const key = `${row.townshipCode}|${row.category}`;
    const sum = byKey.get(key) ?? {
      townshipCode: row.townshipCode,
      townshipName: row.townshipName,
      category: row.category,
      parcels: 0,
      plannedMu: 0,
      doneToDateMu: 0,
    };
    sum.parcels += row.parcels;
    sum.plannedMu += row.plannedMu;
    sum.doneToDateMu += row.doneToDateMu;
    byKey.set(key, sum);
  }
  return [...byKey.values()]
    .map((sum) => ({ ...sum, plannedMu: roundMu(sum.plannedMu), doneToDateMu: roundMu(sum.doneToDateMu) }))
    .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode) || compareMineCategories(a.category, b.category));
}
