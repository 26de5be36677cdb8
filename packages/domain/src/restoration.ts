import type { TermKey } from './glossary.ts';
import type { CollectionId } from './layers.ts';

/** Mine categories of restoration parcels and targets (生产 / 政策性关闭 / 废弃 / 历史遗留). */
export const MINE_CATEGORIES = ['production', 'policyClosed', 'abandoned', 'historical'] as const satisfies readonly TermKey[];
export type MineCategory = (typeof MINE_CATEGORIES)[number];

/** Restoration statuses, in the only order a parcel moves through them. */
export const RESTORATION_STATUSES = ['planned', 'underWay', 'completed', 'accepted'] as const satisfies readonly TermKey[];
export type RestorationStatus = (typeof RESTORATION_STATUSES)[number];

/**
 * Colour of each restoration status, on the map, in its legend and on printed reports: Okabe and
 * Ito's colour-blind-safe set (vermillion, yellow, sky blue, blue), which a deuteranope or protanope
 * still tells apart (the earlier salmon 计划 and light green 已完成 looked alike to a deuteranope).
 * The legend names every status beside its colour.
 */
export const RESTORATION_STATUS_COLORS: Record<RestorationStatus, string> = {
  planned: '#d55e00',
  underWay: '#f0e442',
  completed: '#56b4e9',
  accepted: '#0072b2',
};

/** Reporting rhythm (seeds 001, 003): monthly, half-year (June), annual (December). */
export const REPORT_PERIODS = ['month', 'halfYear', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_TERMS: Record<ReportPeriod, TermKey> = {
  month: 'monthReport',
  halfYear: 'halfYearReport',
  year: 'yearReport',
};

/**
 * 四区 (seed 001, 一、工作目标: 自然保护区、水源地保护区、景观区、居民集中生活区) as catalogue layers. The
 * 两线 (重要交通干线、河流) count with their visible range, which the ruleset's visible-range rules
 * and the county's buffer settings define (`visibleRanges` in `@mpm/rules`).
 */
export const FOUR_AREAS = ['nature_reserves', 'water_sources', 'scenic_areas', 'residential_areas'] as const satisfies readonly CollectionId[];

/** What a 四区两线 milestone asks by its deadline: 基本得到整治 (basically) or every parcel restored (all). */
export const MILESTONE_REQUIREMENTS = ['basically', 'all'] as const;
/** The glossary term of each requirement. */
export const MILESTONE_REQUIREMENT_TERMS: Record<MilestoneRequirement, TermKey> = { basically: 'basicallyRestored', all: 'allRestored' };
export type MilestoneRequirement = (typeof MILESTONE_REQUIREMENTS)[number];

/**
 * A milestone on a day: every parcel restored (met); the deadline still ahead (pending); past it
 * with some parcels not restored, where the document asks only 基本 and gives no share (partly:
 * the figures cannot decide it, the bureau does), or where it asks for all (notMet).
 */
export const MILESTONE_STATES = ['met', 'pending', 'partly', 'notMet'] as const;
/** The glossary term of each state. */
export const MILESTONE_STATE_TERMS: Record<MilestoneState, TermKey> = {
  met: 'milestoneMet',
  pending: 'milestonePending',
  partly: 'milestonePartly',
  notMet: 'milestoneNotMet',
};
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** Whether a parcel in this status counts as restored (治理完成, whether or not accepted yet). */
export const isRestored = (status: RestorationStatus): boolean => status === 'completed' || status === 'accepted';

/** The state of a milestone judged on `day` (`YYYY-MM-DD`) from how many of its parcels are restored. */
export function milestoneState(requirement: MilestoneRequirement, deadline: string, day: string, parcels: number, restored: number): MilestoneState {
  if (restored >= parcels) return 'met';
  if (day < deadline) return 'pending';
  return requirement === 'all' ? 'notMet' : 'partly';
}
