import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../src/index.ts';
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
