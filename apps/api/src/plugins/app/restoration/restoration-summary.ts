import type {
  RestorationDetailRow,
  RestorationDiscrepancy,
  RestorationSummaryResponse,
  RestorationSummaryRow,
  RestorationTarget,
  StatedTotal,
} from '@mpm/contracts';
import { compareMineCategories, roundMu as mu, type MineCategory } from '@mpm/domain';
import { notFound } from '../../../http/errors.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import type { ParcelFigures } from './restoration-repository.ts';

/** The key of a category group: its categories in catalogue order joined by `+`. */
export const groupKey = (categories: readonly MineCategory[]): string =>
  [...categories].sort(compareMineCategories).join('+');

/** One row per target: the target against the parcels planned for its year and categories. */
function summaryRows(targets: RestorationTarget[], parcels: ParcelFigures[]): RestorationSummaryRow[] {
  return targets.map((target) => {
    const planned = parcels.filter((p) => p.plannedYear === target.year && target.categories.includes(p.category));
    const categories = [...target.categories].sort(compareMineCategories);
    return {
      year: target.year,
      category: groupKey(categories),
      categories,
      targetMu: target.targetMu,
      plannedMu: mu(planned.reduce((sum, p) => sum + p.areaMu, 0)),
      doneMu: mu(planned.reduce((sum, p) => sum + p.doneByYearEndMu, 0)),
      doneToDateMu: mu(planned.reduce((sum, p) => sum + p.doneMu, 0)),
    };
  });
}

/** Planned and restored area by planned year, township and single category (only where parcels are). */
function detailRows(parcels: ParcelFigures[]): RestorationDetailRow[] {
  const rows = new Map<string, RestorationDetailRow>();
  for (const p of parcels) {
    const key = `${p.plannedYear}|${p.townshipCode}|${p.category}`;
    const row = rows.get(key) ?? {
      year: p.plannedYear,
      townshipCode: p.townshipCode,
      townshipName: p.townshipName,
      category: p.category,
      plannedMu: 0,
      doneMu: 0,
      doneToDateMu: 0,
      parcels: 0,
    };
    row.plannedMu = mu(row.plannedMu + p.areaMu);
    row.doneMu = mu(row.doneMu + p.doneByYearEndMu);
    row.doneToDateMu = mu(row.doneToDateMu + p.doneMu);
    row.parcels += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.year - b.year || a.townshipCode.localeCompare(b.townshipCode) || compareMineCategories(a.category, b.category),
  );
}

/**
 * Each stated total against the sum of its parts: the targets of its years whose categories it
 * covers (the targets' validation makes sure no target group is split by a stated total).
 */
export function discrepancies(targets: RestorationTarget[], statedTotals: StatedTotal[]): RestorationDiscrepancy[] {
  return statedTotals.map((total) => {
    const parts = targets.filter(
      (t) => t.year >= total.fromYear && t.year <= total.toYear && t.categories.every((c) => total.categories.includes(c)),
    );
    const sumOfPartsMu = mu(parts.reduce((sum, t) => sum + t.targetMu, 0));
    return {
      label: total.label,
      fromYear: total.fromYear,
      toYear: total.toYear,
      categories: total.categories,
      statedMu: total.statedMu,
      sumOfPartsMu,
      differenceMu: mu(total.statedMu - sumOfPartsMu),
      source: total.source,
    };
  });
}

const unknownTownship = (code: string) =>
  notFound('unknownTownship', {
    zh: `乡镇代码“${code}”不存在。`,
    en: `There is no township with code "${code}".`,
  });

/**
 * The restoration summary on `asOf` (default: today in China), county-wide or for one township:
 * each target against the area planned and restored, the same by township and category, and
 * every stated total against the sum of its parts. A township code that does not exist is a 404.
 * Reads only.
 */
export async function restorationSummary(
  repos: Repositories,
  query: { township?: string; asOf?: string },
): Promise<RestorationSummaryResponse> {
  const asOf = query.asOf ?? chinaToday();
  const township = query.township === undefined ? null : await repos.restoration.township(query.township);
  if (township === undefined) throw unknownTownship(query.township!);
  const [{ targets, statedTotals }, parcels, period] = await Promise.all([
    repos.restoration.targets(),
    repos.restoration.parcelFigures(asOf, township?.code),
    repos.restoration.period(),
  ]);
  return {
    asOf,
    township,
    rows: summaryRows(targets, parcels),
    details: detailRows(parcels),
    discrepancies: discrepancies(targets, statedTotals),
    period,
  };
}
