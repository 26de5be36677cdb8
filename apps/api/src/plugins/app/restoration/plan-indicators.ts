import type { IndicatorsResponse } from '@mpm/contracts';
import { computeIndicators, planYears } from '@mpm/rules';
import type { Repositories } from '../repositories.plugin.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import { effectiveIndicators } from '../settings/settings-repository.ts';
import { endOfChinaDay, registerDay } from '../reports/china-time.ts';

/**
 * The plan's binding indicators (规划指标) at `now` (a staged target judged at its year), computed
 * live from the mining rights (every right not revoked, as the planner's check counts them)
 * against the county's effective targets (its settings over the ruleset's), each met / at risk /
 * missed. A minimum not reached counts as missed once the plan period is over. Extraction (开采总量,
 * a total to reach) is judged on the latest year of verified output the bureau recorded
 * (`right_outputs`), on design capacity until there is one. `asOf`: at the end of that day, on the
 * register as it stood then (a day not yet past is today) and the verified output of its year or
 * before. Reads only.
 */
export async function planIndicators(
  context: { repos: Pick<Repositories, 'checks' | 'settings' | 'output'>; ruleset: LoadedRuleset },
  now: Date,
  asOf?: string,
): Promise<IndicatorsResponse> {
  const { repos, ruleset } = context;
  const { day, past } = registerDay(asOf, now);
  const [stored, mines, actualOutput] = await Promise.all([
    repos.settings.indicatorTargets(),
    repos.checks.mines(past ? day : undefined),
    repos.output.latestYearByMineral(past ? Number(day.slice(0, 4)) : undefined),
  ]);
  const years = planYears(ruleset, past ? endOfChinaDay(day) : now);
  const { periodEnded } = years;
  return {
    asOf: day,
    rulesetId: ruleset.id,
    periodEnded,
    indicators: computeIndicators(effectiveIndicators(ruleset.indicators, stored), mines, { ...years, actualOutput }),
  };
}
