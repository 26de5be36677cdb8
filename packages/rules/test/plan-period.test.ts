import { describe, expect, it } from 'vitest';
import { planPeriodEnded } from '../src/plan-period.ts';

const ruleset = { planPeriod: { from: 2021, to: 2025 } };

describe('planPeriodEnded', () => {
  it('keeps the whole final year inside the period', () => {
    expect(planPeriodEnded(ruleset, new Date(2021, 0, 1))).toBe(false);
    expect(planPeriodEnded(ruleset, new Date(2025, 11, 31, 23, 59))).toBe(false);
  });

  it('ends the period on the first day of the next year', () => {
    expect(planPeriodEnded(ruleset, new Date(2026, 0, 1))).toBe(true);
    expect(planPeriodEnded(ruleset, new Date(2031, 5, 15))).toBe(true);
  });

  it('decides from the day it is given, not from the clock', () => {
    const period = { planPeriod: { from: 2021, to: new Date().getFullYear() - 1 } };
    expect(planPeriodEnded(period, new Date(period.planPeriod.to, 6, 1))).toBe(false);
  });
});
