import type { Invalid } from '@mpm/domain';

/** Targets or stated totals without the plan period they must lie in. */
export const PERIOD_MISSING = 'restorationPeriodMissing';
/** A plan period whose last year comes before its first. */
export const PERIOD_BACKWARDS = 'restorationPeriodBackwards';
/** A target, stated total or report year outside the plan period. */
export const YEAR_OUTSIDE_PLAN = 'yearOutsidePlan';
/** A stated total whose last year comes before its first. */
export const YEARS_BACKWARDS = 'statedTotalYearsBackwards';
/** Two targets of one year that share a mine category. */
export const TARGETS_OVERLAP = 'targetsOverlap';
/** A stated total that covers part of a target's category group. */
export const TOTAL_SPLITS_GROUP = 'statedTotalSplitsTarget';
/** A progress record dated after today. */
export const DATE_IN_FUTURE = 'dateInFuture';
/** A progress record dated before the parcel's latest one. */
export const DATE_BEFORE_PREVIOUS = 'dateBeforePrevious';
/** A progress record with more area done than the parcel has. */
export const MORE_THAN_PARCEL = 'moreThanParcel';
/** A lower status or less area done than before, without a reason. */
export const GOING_BACK_WITHOUT_REASON = 'goingBackWithoutReason';
/** Both `year` and `asOf` asked of the summary. */
export const YEAR_OR_AS_OF = 'yearOrAsOf';
/** A monthly report without its month, a half-year one without its half. */
export const MONTH_MISSING = 'monthMissing';
export const HALF_MISSING = 'halfMissing';
/** A month or half given to a report of another period. */
export const MONTH_NOT_ALLOWED = 'monthNotAllowed';
export const HALF_NOT_ALLOWED = 'halfNotAllowed';
/** A report period that has not begun. */
export const PERIOD_IN_FUTURE = 'periodInFuture';

/**
 * Every reason restoration data or a progress report is refused, once, in camelCase; each is
 * also the `code` of the 400 answer.
 */
export type RestorationReason =
  | typeof PERIOD_MISSING
  | typeof PERIOD_BACKWARDS
  | typeof YEAR_OUTSIDE_PLAN
  | typeof YEARS_BACKWARDS
  | typeof TARGETS_OVERLAP
  | typeof TOTAL_SPLITS_GROUP
  | typeof DATE_IN_FUTURE
  | typeof DATE_BEFORE_PREVIOUS
  | typeof MORE_THAN_PARCEL
  | typeof GOING_BACK_WITHOUT_REASON
  | typeof YEAR_OR_AS_OF
  | typeof MONTH_MISSING
  | typeof HALF_MISSING
  | typeof MONTH_NOT_ALLOWED
  | typeof HALF_NOT_ALLOWED
  | typeof PERIOD_IN_FUTURE;

/** Why restoration data is refused: the reason and a message for people. */
export type RestorationProblem = Invalid<RestorationReason>;
