import type { RestorationTargetsBody, RestorationTarget, StatedTotal } from '@mpm/contracts';
import type { MineCategory } from '@mpm/domain';

/** A target row as typed: numbers still text. */
export interface TargetDraft {
  id?: number;
  year: string;
  categories: MineCategory[];
  targetMu: string;
  source: string;
}

/** A stated total as typed. */
export interface TotalDraft {
  id?: number;
  labelZh: string;
  labelEn: string;
  fromYear: string;
  toYear: string;
  categories: MineCategory[];
  statedMu: string;
  source: string;
}

/** The restoration targets, stated totals and plan period as the form holds them. */
export interface RestorationDraft {
  period: { fromYear: string; toYear: string; source: string };
  targets: TargetDraft[];
  totals: TotalDraft[];
}

/** The form's start: what the server holds, numbers as text. */
export function draftOf(body: RestorationTargetsBody): RestorationDraft {
  return {
    period: body.period
      ? { fromYear: String(body.period.fromYear), toYear: String(body.period.toYear), source: body.period.source }
      : { fromYear: '', toYear: '', source: '' },
    targets: body.targets.map((r) => ({ id: r.id, year: String(r.year), categories: [...r.categories], targetMu: String(r.targetMu), source: r.source })),
    totals: body.statedTotals.map((r) => ({
      id: r.id,
      labelZh: r.label.zh,
      labelEn: r.label.en,
      fromYear: String(r.fromYear),
      toYear: String(r.toYear),
      categories: [...r.categories],
      statedMu: String(r.statedMu),
      source: r.source,
    })),
  };
}

/** What is wrong with the draft, for the form to say: which kind of value, in which part and row. */
export interface DraftProblem {
  kind: 'year' | 'area' | 'categories' | 'label';
  /** 1-based row, absent for the period. */
  row?: number;
  part: 'period' | 'target' | 'total';
}

const year = (text: string) => (/^\d{4}$/.test(text.trim()) && Number(text) >= 1949 && Number(text) <= 2200 ? Number(text) : null);
const area = (text: string) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1_000_000 ? value : null;
};

/**
 * The body a `PUT /api/restoration/targets` sends, or the first field that is not a year, an
 * area or a category list. Whether years fit the period and totals their parts is the server's
 * to say (its messages name the row).
 */
export function bodyOf(draft: RestorationDraft): RestorationTargetsBody | DraftProblem {
  const { period } = draft;
  let periodBody: RestorationTargetsBody['period'] = null;
  if (period.fromYear.trim() || period.toYear.trim() || period.source.trim()) {
    const fromYear = year(period.fromYear);
    const toYear = year(period.toYear);
    if (fromYear === null || toYear === null) return { kind: 'year', part: 'period' };
    periodBody = { fromYear, toYear, source: period.source.trim() };
  }
  const targets: RestorationTarget[] = [];
  for (const [i, row] of draft.targets.entries()) {
    const y = year(row.year);
    const mu = area(row.targetMu);
    if (y === null) return { kind: 'year', part: 'target', row: i + 1 };
    if (mu === null) return { kind: 'area', part: 'target', row: i + 1 };
    if (row.categories.length === 0) return { kind: 'categories', part: 'target', row: i + 1 };
    targets.push({ ...(row.id !== undefined && { id: row.id }), year: y, categories: row.categories, targetMu: mu, source: row.source.trim() });
  }
  const statedTotals: StatedTotal[] = [];
  for (const [i, row] of draft.totals.entries()) {
    const fromYear = year(row.fromYear);
    const toYear = year(row.toYear);
    const mu = area(row.statedMu);
    if (!row.labelZh.trim() || !row.labelEn.trim()) return { kind: 'label', part: 'total', row: i + 1 };
    if (fromYear === null || toYear === null) return { kind: 'year', part: 'total', row: i + 1 };
    if (mu === null) return { kind: 'area', part: 'total', row: i + 1 };
    if (row.categories.length === 0) return { kind: 'categories', part: 'total', row: i + 1 };
    statedTotals.push({
      ...(row.id !== undefined && { id: row.id }),
      label: { zh: row.labelZh.trim(), en: row.labelEn.trim() },
      fromYear,
      toYear,
      categories: row.categories,
      statedMu: mu,
      source: row.source.trim(),
    });
  }
  return { targets, statedTotals, period: periodBody };
}

/** Whether `result` of {@link bodyOf} is a problem rather than a body. */
export const isDraftProblem = (result: RestorationTargetsBody | DraftProblem): result is DraftProblem => 'kind' in result;
