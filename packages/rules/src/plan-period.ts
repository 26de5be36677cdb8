/** The years a plan runs, both inclusive (`planPeriod` of a ruleset file). */
export interface PlanPeriod {
  from: number;
  to: number;
}

/**
 * Whether the plan period is over on `date`: from the first day of the year after its last year
 * (the whole final year still counts as inside it). Minimum indicators not reached are then
 * missed rather than at risk. The caller passes the day; nothing here reads the clock.
 */
export const planPeriodEnded = (ruleset: { planPeriod: Pick<PlanPeriod, 'to'> }, date: Date): boolean =>
  date.getFullYear() > ruleset.planPeriod.to;

/**
 * What the indicators are judged at on `date`: its year (a staged target's step in force), the
 * plan's last year (the year of a step that gives none) and whether the period is over.
 */
export const planYears = (ruleset: { planPeriod: Pick<PlanPeriod, 'to'> }, date: Date) => ({
  asOfYear: date.getFullYear(),
  planEndYear: ruleset.planPeriod.to,
  periodEnded: planPeriodEnded(ruleset, date),
});
