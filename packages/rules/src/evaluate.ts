import { sortFindings, type Finding } from './findings.ts';
import { computeIndicators, minesAfter, type Indicator } from './indicators.ts';
import { concentratedZonePlanFindings, oneHolderFindings, scaleFindings } from './plan-rules.ts';
import { zoneRuleFindings } from './zone-rules.ts';
import type { BufferSettings, Measurements, MineRecord, Proposal, Ruleset } from './types.ts';

/** A check's result: the findings, worst first, and the plan indicators before and after. */
export interface Verdict {
  findings: Finding[];
  indicators: { before: Indicator[]; after: Indicator[] };
}

export interface EvaluateInput {
  ruleset: Ruleset;
  buffers: BufferSettings;
  proposal: Proposal;
  measurements: Measurements;
  /** The county's existing mines, for the indicators. */
  mines: readonly MineRecord[];
  /** Whether the plan period is over (minimum indicators not reached are then missed). */
  periodEnded?: boolean;
  /** The year of the check's day and the plan's last year: a staged target is judged at that year. */
  asOfYear?: number;
  planEndYear?: number;
}

/**
 * The one verdict logic: ruleset × proposal × measurements → findings. Pure; both geometry
 * engines (Turf in the browser, PostGIS on the server) feed it the same measurements.
 */
export function evaluate({ ruleset, buffers, proposal, measurements, mines, periodEnded = false, asOfYear, planEndYear }: EvaluateInput): Verdict {
  const context = { periodEnded, asOfYear, planEndYear };
  const before = computeIndicators(ruleset.indicators, mines, context);
  const after = computeIndicators(ruleset.indicators, minesAfter(mines, proposal), context);
  // Only a binding cap limits a new mine; an expected total (开采总量 840) is there to be reached.
  const capFindings: Finding[] = after
    .filter((indicator, i) => indicator.kind === 'max' && indicator.nature === 'binding' && indicator.state === 'missed' && before[i].state !== 'missed')
    .map((indicator) => ({
      ruleId: `indicator.${indicator.id}`,
      outcome: ruleset.indicators.outcome ?? 'restricted',
      title: indicator.title,
      legalBasis: ruleset.indicators.legalBasis,
      message: {
        zh: `设立后${indicator.title.zh}为 ${indicator.value}，超过规划指标 ${indicator.target}。`,
        en: `${indicator.title.en} would be ${indicator.value}, above the plan's cap of ${indicator.target}.`,
      },
    }));
  const findings = [
    ...zoneRuleFindings(ruleset, buffers, proposal, measurements),
    ...scaleFindings(ruleset, proposal, measurements),
    ...concentratedZonePlanFindings(ruleset, proposal, measurements),
    ...oneHolderFindings(ruleset, proposal, measurements),
    ...capFindings,
  ];
  return { findings: sortFindings(findings), indicators: { before, after } };
}
