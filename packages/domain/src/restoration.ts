import type { TermKey } from './glossary.ts';

/** Mine categories of restoration parcels and targets (生产 / 政策性关闭 / 废弃 / 历史遗留). */
export const MINE_CATEGORIES = ['production', 'policyClosed', 'abandoned', 'historical'] as const satisfies readonly TermKey[];
export type MineCategory = (typeof MINE_CATEGORIES)[number];

/** Restoration statuses, in the only order a parcel moves through them. */
export const RESTORATION_STATUSES = ['planned', 'underWay', 'completed', 'accepted'] as const satisfies readonly TermKey[];
export type RestorationStatus = (typeof RESTORATION_STATUSES)[number];

/** Colour of each restoration status, on the map, in its legend and on printed reports. */
export const RESTORATION_STATUS_COLORS: Record<RestorationStatus, string> = {
  planned: '#f4a582',
  underWay: '#fddb6d',
  completed: '#7fc97f',
  accepted: '#1b7837',
};

/** Reporting rhythm (seeds 001, 003): monthly, half-year (June), annual (December). */
export const REPORT_PERIODS = ['month', 'halfYear', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_TERMS: Record<ReportPeriod, TermKey> = {
  month: 'monthReport',
  halfYear: 'halfYearReport',
  year: 'yearReport',
};
