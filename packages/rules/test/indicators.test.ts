import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../src/index.ts';
import type { TargetStep } from '../src/index.ts';
import { baseYearMines, ruleset } from './fixtures.ts';

const byId = (list: ReturnType<typeof computeIndicators>) => Object.fromEntries(list.map((i) => [i.id, i]));

describe('the expected extraction (开采总量 达到 840 万吨)', () => {
  it('is an expected total to reach, judged on design capacity while no output is given, and says so', () => {
    const indicators = byId(computeIndicators(ruleset.indicators, baseYearMines));
    expect(indicators.extraction).toMatchObject({ kind: 'min', nature: 'expected', value: 142, target: 840, state: 'atRisk', basis: 'designCapacity' });
    expect(indicators['extraction.coal']).toMatchObject({ value: 120, target: 800, basis: 'designCapacity' });
    expect(indicators.extraction.outputYear).toBeUndefined();
    expect(indicators.mineCount).toMatchObject({ kind: 'max', nature: 'binding' });
  });

  it('takes the recorded output of a year when given, and names the year', () => {
    const actualOutput = { year: 2024, byMineral: { coal: 810, brickClay: 31.5 } };
    const indicators = byId(computeIndicators(ruleset.indicators, baseYearMines, { actualOutput }));
    expect(indicators.extraction).toMatchObject({ value: 841.5, state: 'met', basis: 'actualOutput', outputYear: 2024 });
    expect(indicators['extraction.coal']).toMatchObject({ value: 810, state: 'met' });
    expect(indicators['extraction.brickClay']).toMatchObject({ value: 31.5, state: 'atRisk' });
  });

  it('counts a total not reached by the end of the plan as missed', () => {
    const indicators = byId(computeIndicators(ruleset.indicators, baseYearMines, { periodEnded: true }));
    expect(indicators.extraction.state).toBe('missed');
  });
});

/** Seed 000 (新宾) 一、工作目标: “到2020年底…大中型矿山比例达到20%左右；到2022年底，大中型矿山比例达到30%左右”. */
const XINBIN_STEPS: TargetStep[] = [
  { year: 2020, percent: 20, source: '000 一、工作目标：到2020年底…大中型矿山比例达到20%左右' },
  { year: 2022, percent: 30, source: '000 一、工作目标：到2022年底，大中型矿山比例达到30%左右' },
];

describe('the large+medium ratio as a staged target (大中型矿山比例 by year)', () => {
  const judged = (mines: typeof baseYearMines, asOfYear: number | undefined, steps = XINBIN_STEPS) =>
    byId(computeIndicators({ ...ruleset.indicators, largeMediumRatioSteps: steps }, mines, { asOfYear, planEndYear: 2025 })).largeMediumRatio;
  // The base year's five mines, one large or medium: 20 %.
  const small = { mineral: 'brickClay' as const, scaleClass: 'small' as const, capacity10ktPerYear: 8 };
  const large = { mineral: 'coal' as const, scaleClass: 'large' as const, capacity10ktPerYear: 90 };

  it('is judged at the year asked against the step in force, naming its year and source', () => {
    expect(judged(baseYearMines, 2020)).toMatchObject({ value: 20, target: 20, targetYear: 2020, state: 'met', targetSource: XINBIN_STEPS[0].source });
    // 2021: the 2020 step is met; the 2022 one is next and not reached.
    expect(judged(baseYearMines, 2021)).toMatchObject({ value: 20, target: 30, targetYear: 2022, state: 'atRisk' });
    expect(judged(baseYearMines, 2022)).toMatchObject({ target: 30, targetYear: 2022, state: 'atRisk' });
    // 2023: every step is due and 30 % not reached.
    expect(judged(baseYearMines, 2023)).toMatchObject({ target: 30, targetYear: 2022, state: 'missed' });
    expect(judged(baseYearMines, 2021).steps).toEqual(XINBIN_STEPS);
  });

  it('is missed at a step whose year is over and not reached, before the next one is due', () => {
    expect(judged([...baseYearMines, small, small], 2021)).toMatchObject({ value: 14.3, target: 20, targetYear: 2020, state: 'missed' });
    expect(judged([...baseYearMines, large, small, small], 2021)).toMatchObject({ value: 25, target: 30, targetYear: 2022, state: 'atRisk' });
    expect(judged([...baseYearMines, large, large], 2021)).toMatchObject({ value: 42.9, target: 30, state: 'met' });
  });

  it('takes the plan’s last year for a step without one (a single target), and the last step when no year is asked', () => {
    const single = [{ percent: 29, source: '004 二（三）1：大中型矿山比例提高至29%' }];
    expect(judged(baseYearMines, 2024, single)).toMatchObject({ target: 29, targetYear: 2025, state: 'atRisk' });
    expect(judged(baseYearMines, 2026, single)).toMatchObject({ target: 29, targetYear: 2025, state: 'missed' });
    expect(judged(baseYearMines, undefined)).toMatchObject({ target: 30, targetYear: 2022, state: 'atRisk' });
  });
});
