import { describe, expect, it } from 'vitest';
import fixture from './fixtures/township-figures.json' with { type: 'json' };
import {
  MU_TOLERANCE,
  compareMineCategories,
  isDiscrepancy,
  roundMu,
  targetMet,
  townshipFigures,
  type TownshipFigure,
} from '../src/restoration-figures.ts';
import type { MineCategory } from '../src/restoration.ts';

describe('restoration figures', () => {
  it('sums detail rows over the years per township and category, to 0.01 mu, in township then catalogue order', () => {
    expect(townshipFigures(fixture.details as TownshipFigure[])).toEqual(fixture.expected);
  });

  it('does not change the rows it is given', () => {
    const details = structuredClone(fixture.details) as TownshipFigure[];
    townshipFigures(details);
    expect(details).toEqual(fixture.details);
  });

  it('counts a difference as a discrepancy only beyond rounding, either way', () => {
    expect(isDiscrepancy(0)).toBe(false);
    expect(isDiscrepancy(MU_TOLERANCE / 2)).toBe(false);
    expect(isDiscrepancy(0.01)).toBe(true);
    expect(isDiscrepancy(-0.01)).toBe(true);
  });

  it('counts a target as met when the area done falls short by rounding only', () => {
    expect(targetMet(99.996, 100)).toBe(true);
    expect(targetMet(99.99, 100)).toBe(false);
    expect(targetMet(120, 100)).toBe(true);
  });

  it('rounds mu half away from zero to 2 decimals and orders categories as the catalogue does', () => {
    expect(roundMu(1.005)).toBe(1.01);
    expect(roundMu(0.1 + 0.2)).toBe(0.3);
    const categories: MineCategory[] = ['historical', 'production', 'abandoned', 'policyClosed'];
    expect(categories.sort(compareMineCategories)).toEqual([
      'production',
      'policyClosed',
      'abandoned',
      'historical',
    ]);
  });
});
