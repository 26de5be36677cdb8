import type { Bilingual, Mineral } from '@mpm/domain';
import { stagedTarget, type ResolvedStep } from './staged-target.ts';
import type { MineRecord, PlanIndicatorTargets, Proposal } from './types.ts';

/** met: within the target; atRisk: at the cap, or short of a minimum while the plan runs; missed. */
export type IndicatorState = 'met' | 'atRisk' | 'missed';

/**
 * What an extraction figure is: the recorded output of a year, or (while none is given) the
 * summed design capacity of the mines, which is what they could produce, not what they did.
 */
export type ExtractionBasis = 'actualOutput' | 'designCapacity';

export interface Indicator {
  id: string;
  title: Bilingual;
  /** `max`: the value may not exceed the target; `min`: it must reach it. */
  kind: 'max' | 'min';
  /**
   * `binding` (约束性): a limit the plan sets, whose breach by a new mine is a finding;
   * `expected` (预期性): a total the plan expects to reach (开采总量 达到), never a finding.
   */
  nature: 'binding' | 'expected';
  value: number;
  target: number;
  unit: 'count' | 'percent' | '10kt';
  state: IndicatorState;
  /** For extraction: whether `value` is actual output (of `outputYear`) or design capacity. */
  basis?: ExtractionBasis;
  outputYear?: number;
  /** For a staged target: the year its step is due by (null: the end of the plan), the step's source, and every step. */
  targetYear?: number | null;
  targetSource?: string;
  steps?: ResolvedStep[];
}

/**
 * The county's recorded output of one year (from each right's yearly output, the annual
 * verification the plan requires), summed by mineral in 万吨. The extraction indicators take
 * it when given; the caller chooses the year.
 */
export interface ActualOutput {
  year: number;
  byMineral: Partial<Record<Mineral, number>>;
}

/** What the indicators are judged against besides the mines. */
export interface IndicatorContext {
  /** Whether the plan period is over: a minimum not reached is then missed rather than at risk. */
  periodEnded?: boolean;
  /** Recorded output; without it extraction is the mines' summed design capacity, and says so. */
  actualOutput?: ActualOutput;
  /** The year of the day asked (China time): a staged target is judged at it (the last step when absent). */
  asOfYear?: number;
  /** The plan period's last year: a step of a staged target that gives no year is due by its end. */
  planEndYear?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function state(kind: Indicator['kind'], value: number, target: number, periodEnded: boolean): IndicatorState {
  if (kind === 'max') return value > target ? 'missed' : value === target ? 'atRisk' : 'met';
  if (value >= target) return 'met';
  return periodEnded ? 'missed' : 'atRisk';
}

const EXTRACTION: Bilingual = { zh: '开采总量', en: 'Extraction' };

/**
 * The plan's indicators computed from the mines: counts against caps and the large+medium
 * ratio against the step of its staged minimum in force at `context.asOfYear` (binding), and extraction against the totals the plan expects to
 * reach (expected: actual output when `context.actualOutput` is given, else design capacity).
 */
export function computeIndicators(targets: PlanIndicatorTargets, mines: readonly MineRecord[], context: IndicatorContext = {}): Indicator[] {
  const { periodEnded = false, actualOutput, asOfYear, planEndYear } = context;
  const indicator = (
    id: string,
    title: Bilingual,
    kind: Indicator['kind'],
    value: number,
    target: number,
    unit: Indicator['unit'],
    nature: Indicator['nature'] = 'binding',
  ): Indicator => ({ id, title, kind, nature, value, target, unit, state: state(kind, value, target, periodEnded) });
  const of = (mineral: Mineral) => mines.filter((m) => m.mineral === mineral);
  const capacity = (list: readonly MineRecord[]) => round1(list.reduce((sum, m) => sum + m.capacity10ktPerYear, 0));
  const largeMedium = mines.filter((m) => m.scaleClass !== 'small').length;
  const ratio = mines.length ? round1((largeMedium / mines.length) * 100) : 0;
  const extracted = (mineral?: Mineral): number => {
    if (!actualOutput) return capacity(mineral ? of(mineral) : mines);
    const amounts = mineral ? [actualOutput.byMineral[mineral] ?? 0] : Object.values(actualOutput.byMineral);
    return round1(amounts.reduce<number>((sum, x) => sum + (x ?? 0), 0));
  };
  const basis = actualOutput ? { basis: 'actualOutput' as const, outputYear: actualOutput.year } : { basis: 'designCapacity' as const };
  const extraction = (id: string, mineral: Mineral | undefined, target: number): Indicator => ({
    ...indicator(id, EXTRACTION, 'min', extracted(mineral), target, '10kt', 'expected'),
    ...basis,
  });
  const largeMediumRatio = (): Indicator => {
    const judged = stagedTarget(targets.largeMediumRatioSteps, ratio, { asOfYear, planEndYear, periodEnded });
    return {
      ...indicator('largeMediumRatio', { zh: '大中型矿山比例', en: 'Large and medium mines' }, 'min', ratio, judged.step.percent, 'percent'),
      state: judged.state,
      targetYear: judged.step.year,
      targetSource: judged.step.source,
      steps: judged.steps,
    };
  };

  return [
    indicator('mineCount', { zh: '矿山数量', en: 'Mines' }, 'max', mines.length, targets.maxMines, 'count'),
    ...Object.entries(targets.maxMinesByMineral).map(([mineral, cap]) =>
      indicator(`mineCount.${mineral}`, { zh: '矿山数量', en: 'Mines' }, 'max', of(mineral as Mineral).length, cap!, 'count'),
    ),
    indicator(
      'sandGravelClayMineCount',
      { zh: '砂石粘土矿山数量', en: 'Sand, gravel and clay mines' },
      'max',
      mines.filter((m) => targets.sandGravelClayMinerals.includes(m.mineral)).length,
      targets.maxSandGravelClayMines,
      'count',
    ),
    largeMediumRatio(),
    extraction('extraction', undefined, targets.expectedExtraction10kt),
    ...Object.entries(targets.expectedExtraction10ktByMineral).map(([mineral, target]) =>
      extraction(`extraction.${mineral}`, mineral as Mineral, target!),
    ),
  ];
}

/**
 * The mines after the proposal: a new right adds a mine (counted small for the ratio when no
 * scale class is stated); an extension changes nothing; an expansion adds no mine.
 */
export function minesAfter(mines: readonly MineRecord[], proposal: Proposal): MineRecord[] {
  if (proposal.rightKind !== 'new') return [...mines];
  return [
    ...mines,
    { mineral: proposal.mineral, scaleClass: proposal.scaleClass ?? 'small', capacity10ktPerYear: proposal.capacity10ktPerYear },
  ];
}
