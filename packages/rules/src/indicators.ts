import type { Bilingual, Mineral } from '@mpm/domain';
import type { MineRecord, PlanIndicatorTargets, Proposal } from './types.ts';

/** met: within the target; atRisk: at the cap, or short of a minimum while the plan runs; missed. */
export type IndicatorState = 'met' | 'atRisk' | 'missed';

export interface Indicator {
  id: string;
  title: Bilingual;
  /** `max`: the value may not exceed the target; `min`: it must reach it. */
  kind: 'max' | 'min';
  value: number;
  target: number;
  unit: 'count' | 'percent' | '10kt';
  state: IndicatorState;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function state(kind: Indicator['kind'], value: number, target: number, periodEnded: boolean): IndicatorState {
  if (kind === 'max') return value > target ? 'missed' : value === target ? 'atRisk' : 'met';
  if (value >= target) return 'met';
  return periodEnded ? 'missed' : 'atRisk';
}

/**
 * The plan's binding indicators computed from the mines: counts against caps, the large+medium
 * ratio against its minimum, extraction (capacity, 万吨/年) against its caps. `periodEnded`:
 * a minimum not reached is missed rather than at risk.
 */
export function computeIndicators(
  targets: PlanIndicatorTargets,
  mines: readonly MineRecord[],
  periodEnded = false,
): Indicator[] {
  const indicator = (
    id: string,
    title: Bilingual,
    kind: Indicator['kind'],
    value: number,
    target: number,
    unit: Indicator['unit'],
  ): Indicator => ({ id, title, kind, value, target, unit, state: state(kind, value, target, periodEnded) });
  const of = (mineral: Mineral) => mines.filter((m) => m.mineral === mineral);
  const capacity = (list: readonly MineRecord[]) => round1(list.reduce((sum, m) => sum + m.capacity10ktPerYear, 0));
  const largeMedium = mines.filter((m) => m.scaleClass !== 'small').length;
  const ratio = mines.length ? round1((largeMedium / mines.length) * 100) : 0;

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
    indicator('largeMediumRatio', { zh: '大中型矿山比例', en: 'Large and medium mines' }, 'min', ratio, targets.minLargeMediumRatio, 'percent'),
    indicator('extraction', { zh: '开采总量', en: 'Extraction' }, 'max', capacity(mines), targets.maxExtraction10kt, '10kt'),
    ...Object.entries(targets.maxExtraction10ktByMineral).map(([mineral, cap]) =>
      indicator(`extraction.${mineral}`, { zh: '开采总量', en: 'Extraction' }, 'max', capacity(of(mineral as Mineral)), cap!, '10kt'),
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
