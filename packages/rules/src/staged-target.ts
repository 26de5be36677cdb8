import type { TargetStep } from './types.ts';

/** A step with its year settled: a step without one stands for the plan period's last year. */
export interface ResolvedStep {
  year: number | null;
  percent: number;
  source: string;
}

/** What a staged minimum is judged against on the day asked, and how it stands. */
export interface StagedJudgement {
  /** The step in force: the latest one whose year is over and not reached, else the next one due, else the last. */
  step: ResolvedStep;
  state: 'met' | 'atRisk' | 'missed';
  steps: ResolvedStep[];
}

export interface StagedContext {
  /** The year of the day asked (China time); without it the last step is judged, as a single target. */
  asOfYear?: number;
  /** The plan period's last year, for steps that give none. */
  planEndYear?: number;
  /** Without `asOfYear`: whether the plan period is over (a minimum not reached is then missed). */
  periodEnded?: boolean;
}

const order = (a: ResolvedStep, b: ResolvedStep) => (a.year ?? Infinity) - (b.year ?? Infinity);

/**
 * A staged minimum (such as 000's 大中型矿山比例 “到2020年底…20%左右；到2022年底…30%左右”) judged on
 * the day asked: a step is due by the end of its year. A value short of the latest step already
 * due is missed; else it is judged against the next step (met, or at risk while its year runs);
 * once every step is due, against the last. Pure: the caller passes the year.
 */
export function stagedTarget(steps: readonly TargetStep[], value: number, context: StagedContext = {}): StagedJudgement {
  const { asOfYear, planEndYear, periodEnded = false } = context;
  const resolved = steps.map((s): ResolvedStep => ({ year: s.year ?? planEndYear ?? null, percent: s.percent, source: s.source })).sort(order);
  const last = resolved[resolved.length - 1] ?? { year: null, percent: 0, source: '' };
  if (asOfYear === undefined) {
    return { step: last, state: value >= last.percent ? 'met' : periodEnded ? 'missed' : 'atRisk', steps: resolved };
  }
  const due = resolved.filter((s) => s.year !== null && s.year < asOfYear);
  const lastDue = due[due.length - 1];
  if (lastDue && value < lastDue.percent) return { step: lastDue, state: 'missed', steps: resolved };
  const next = resolved.find((s) => !due.includes(s));
  if (!next) return { step: last, state: 'met', steps: resolved };
  return { step: next, state: value >= next.percent ? 'met' : 'atRisk', steps: resolved };
}
