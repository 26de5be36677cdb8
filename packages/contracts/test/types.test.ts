import type { Static } from 'typebox';
import { describe, expect, it } from 'vitest';
import type * as Domain from '@mpm/domain';
import type * as Rules from '@mpm/rules';
import {
  BUFFER_KEYS,
  Bilingual,
  type BufferSettings,
  type Finding,
  type Indicator,
  type Proposal,
  type Ruleset,
  RegisterRule,
  RuleSetting,
  ZoneRule,
} from '../src/index.ts';

/**
 * `true` when each type is assignable to the other: a hand-written type of `@mpm/domain` or
 * `@mpm/rules` and a schema's static type describe the same values. A mismatch fails the
 * typecheck (`tsc`), not the run.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(agree: Same<A, B>) => agree;

describe('the contract schemas and the pure packages’ types', () => {
  it('read a bilingual text as the domain writes it', () => {
    expect(same<Static<typeof Bilingual>, Domain.Bilingual>(true)).toBe(true);
  });

  it('describe the same findings, indicators, proposals and buffers', () => {
    expect(same<Rules.Finding, Finding>(true)).toBe(true);
    expect(same<Rules.Indicator, Indicator>(true)).toBe(true);
    expect(same<Rules.Proposal, Proposal>(true)).toBe(true);
    expect(same<Rules.BufferSettings, BufferSettings>(true)).toBe(true);
    expect(same<Rules.BufferKey, (typeof BUFFER_KEYS)[number]>(true)).toBe(true);
  });

  it('describe the same ruleset, the plan period aside (the engine is told whether it ended)', () => {
    expect(same<Rules.Ruleset, Omit<Ruleset, 'planPeriod'>>(true)).toBe(true);
    expect(same<Rules.ZoneRule, Static<typeof ZoneRule>>(true)).toBe(true);
    expect(same<Rules.PlanPeriod, Ruleset['planPeriod']>(true)).toBe(true);
  });

  it('describe the same rule settings of the register', () => {
    expect(same<Rules.RuleSetting, Static<typeof RuleSetting>>(true)).toBe(true);
    expect(same<Rules.RegisterRule, Static<typeof RegisterRule>>(true)).toBe(true);
  });
});
