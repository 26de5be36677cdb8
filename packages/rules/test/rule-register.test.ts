import { describe, expect, it } from 'vitest';
import { evaluate, registerRules, ruleSettingChanges, ruleSettings, sweepRight, withRuleSettings, type Proposal, type RuleSetting, type SweptRight } from '../src/index.ts';
import { baseYearMines, buffers, feature, ruleset } from './fixtures.ts';

const clayMine: Proposal = { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' };
const zone = () =>
  feature({ collection: 'concentrated_zones', overlapAreaM2: 100_000, properties: { name: '党家村', mainMineral: 'brickClay', minScale10ktPerYear: 13 } });
const findingsOf = (settings: RuleSetting[], proposal: Proposal, features: ReturnType<typeof feature>[], mines = baseYearMines) =>
  evaluate({ ruleset: withRuleSettings(ruleset, settings), buffers, proposal, measurements: { blockAreaM2: 100_000, features }, mines }).findings;
const setting = (id: string) => ruleSettings(ruleset).find((s) => s.id === id)!;

describe('the rule register', () => {
  it('lists every rule of the ruleset once, with its outcome, its legal basis and, where the verdict turns on an area, its tolerance', () => {
    const rules = registerRules(ruleset);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.map((r) => r.id)).toEqual([
      ...ruleset.zoneRules.map((r) => r.id),
      'minimumScale.brickClay',
      'concentratedZoneScale',
      'concentratedZoneRights',
      'concentratedZoneExtraction',
      'oneHolderPerBlock',
      'indicators',
    ]);
    expect(rules.find((r) => r.id === 'ecoRedline')).toMatchObject({ outcome: 'forbidden', toleranceM2: ruleset.sliverToleranceM2 });
    expect(rules.find((r) => r.id === 'planZoning')?.toleranceM2).toBe(ruleset.sliverToleranceM2);
    expect(rules.find((r) => r.id === 'railwayProtection')).not.toHaveProperty('toleranceM2');
    expect(rules.find((r) => r.id === 'minimumScale.brickClay')).toMatchObject({ outcome: 'forbidden', title: { zh: '最低开采规模（砖瓦用粘土）' } });
    expect(rules.find((r) => r.id === 'indicators')).toMatchObject({ outcome: 'restricted', legalBasis: ruleset.indicators.legalBasis });
  });

  it('gives a version of the settings back unchanged when applied and listed again', () => {
    const edited = ruleSettings(ruleset).map((s) => ({ ...s, outcome: 'advisory' as const, legalBasis: { zh: `${s.id} 依据`, en: `${s.id} basis` } }));
    expect(ruleSettings(withRuleSettings(ruleset, edited))).toEqual(edited);
    expect(ruleset.zoneRules[0].outcome).toBe('forbidden');
  });

  it('puts a rule’s new outcome and legal basis into its findings', () => {
    const redLine = feature({ collection: 'eco_redline', overlapAreaM2: 20_000 });
    const basis = { zh: '《正宁县矿产资源总体规划（2021-2025年）》三（一）3（修订）', en: 'Zhengning plan III(1)3 (revised)' };
    const [finding] = findingsOf([{ ...setting('ecoRedline'), outcome: 'conditional', legalBasis: basis }], clayMine, [zone(), redLine]).filter(
      (f) => f.ruleId === 'ecoRedline',
    );
    expect(finding).toMatchObject({ outcome: 'conditional', legalBasis: basis });
  });

  it('judges an overlap against the rule’s own tolerance: below it a possible boundary offset, at it a conflict', () => {
    const reserve = () => feature({ collection: 'nature_reserves', overlapAreaM2: 40 });
    const natureReserve = (settings: RuleSetting[]) => findingsOf(settings, clayMine, [zone(), reserve()]).filter((f) => f.ruleId === 'natureReserve');
    expect(natureReserve([])).toEqual([expect.objectContaining({ outcome: 'forbidden' })]);
    const [offset] = natureReserve([{ ...setting('natureReserve'), toleranceM2: 50 }]);
    expect(offset).toMatchObject({ outcome: 'advisory', possibleBoundaryOffset: true });
    expect(offset.message.zh).toContain('小于容差 50 平方米');
    expect(natureReserve([{ ...setting('natureReserve'), toleranceM2: 40 }])).toEqual([expect.objectContaining({ outcome: 'forbidden' })]);
  });

  it('lets a part outside the planned zones below the tolerance pass', () => {
    const halfIn = feature({ collection: 'concentrated_zones', overlapAreaM2: 99_900, properties: { name: '党家村', mainMineral: 'brickClay' } });
    const planZoning = (settings: RuleSetting[]) => findingsOf(settings, clayMine, [halfIn]).filter((f) => f.ruleId === 'planZoning');
    expect(planZoning([])).toHaveLength(1);
    expect(planZoning([{ ...setting('planZoning'), toleranceM2: 200 }])).toHaveLength(0);
  });

  it('gives the plan rules the outcomes set for them', () => {
    const small: Proposal = { ...clayMine, capacity10ktPerYear: 5 };
    const outcomes = (settings: RuleSetting[]) =>
      findingsOf(settings, small, [zone()])
        .filter((f) => f.ruleId === 'minimumScale' || f.ruleId === 'concentratedZoneScale')
        .map((f) => [f.ruleId, f.outcome]);
    expect(outcomes([])).toEqual([
      ['concentratedZoneScale', 'forbidden'],
      ['minimumScale', 'forbidden'],
    ]);
    const restricted = [
      { ...setting('minimumScale.brickClay'), outcome: 'restricted' as const },
      { ...setting('concentratedZoneScale'), outcome: 'advisory' as const },
    ];
    expect(outcomes(restricted)).toEqual([
      ['minimumScale', 'restricted'],
      ['concentratedZoneScale', 'advisory'],
    ]);
    // A fifth clay mine already: a sixth breaks the caps on clay mines and on sand, gravel and clay mines (clay extraction is a total to reach, no cap).
    const mines = [...baseYearMines, { mineral: 'brickClay' as const, scaleClass: 'small' as const, capacity10ktPerYear: 8 }];
    const caps = (settings: RuleSetting[]) =>
      findingsOf(settings, clayMine, [zone()], mines)
        .filter((f) => f.ruleId.startsWith('indicator.'))
        .map((f) => f.outcome);
    expect(caps([])).toEqual(['restricted', 'restricted']);
    expect(caps([{ ...setting('indicators'), outcome: 'forbidden' }])).toEqual(['forbidden', 'forbidden']);
  });

  it('names each field that changed between two versions', () => {
    const before = ruleSettings(ruleset);
    const after = before.map((s) =>
      s.id === 'scenicArea' ? { ...s, outcome: 'forbidden' as const, toleranceM2: 25 } : s.id === 'waterSource' ? { ...s, legalBasis: { zh: 'x', en: 'y' } } : s,
    );
    expect(ruleSettingChanges(before, after)).toEqual([
      { id: 'waterSource', field: 'legalBasis', before: setting('waterSource').legalBasis, after: { zh: 'x', en: 'y' } },
      { id: 'scenicArea', field: 'outcome', before: 'restricted', after: 'forbidden' },
      { id: 'scenicArea', field: 'toleranceM2', before: ruleset.sliverToleranceM2, after: 25 },
    ]);
    expect(ruleSettingChanges(before, before)).toEqual([]);
  });
});

describe('the minimum scales as a table the register edits (issue #15)', () => {
  /** A county's own figure for a mineral the plan gives none (a test figure, not a seed's). */
  const stoneScale: RuleSetting = {
    id: 'minimumScale.constructionStone',
    outcome: 'forbidden',
    min10ktPerYear: 10,
    legalBasis: { zh: '某县规划：建筑用石料矿最低开采规模 10 万吨/年（测试）', en: 'A county plan: construction stone at least 10 ×10⁴ t/yr (test)' },
  };
  const stone: Proposal = { mineral: 'constructionStone', capacity10ktPerYear: 6, rightKind: 'new' };
  const swept = (settings: RuleSetting[], mineral: Proposal['mineral'], capacity10ktPerYear: number) =>
    sweepRight({
      ruleset: { ...withRuleSettings(ruleset, settings), planPeriod: { from: 2021, to: 2025 } },
      right: {
        collection: 'mining_rights',
        id: 1,
        licenceNo: 'C0000000000001',
        holder: '甲公司',
        mineral,
        capacity10ktPerYear,
        scaleClass: 'small',
        state: 'valid',
        validTo: '2030-01-01',
        restorationFund10kYuan: 1,
        restorationFundProvisioned: true,
        firstDay: '2020-01-01',
        greenMineLevel: null,
        sanction: null,
      } as SweptRight,
      measurements: { blockAreaM2: 100_000, features: [] },
    }).filter((hit) => hit.problem === 'belowMinimumScale');

  it('lists each scale with its figure, and a setting changes the figure for the check and the sweep alike', () => {
    expect(registerRules(ruleset).find((r) => r.id === 'minimumScale.brickClay')).toMatchObject({ min10ktPerYear: 8 });
    const clay = { ...clayMine, capacity10ktPerYear: 7 };
    expect(findingsOf([], clay, []).map((f) => f.ruleId)).toContain('minimumScale');
    expect(swept([], 'brickClay', 7)).toHaveLength(1);
    const six = [{ ...setting('minimumScale.brickClay'), min10ktPerYear: 6 }];
    expect(findingsOf(six, clay, []).map((f) => f.ruleId)).not.toContain('minimumScale');
    expect(swept(six, 'brickClay', 7)).toEqual([]);
    expect(ruleSettingChanges(ruleSettings(ruleset), ruleSettings(withRuleSettings(ruleset, six)))).toEqual([
      { id: 'minimumScale.brickClay', field: 'min10ktPerYear', before: 8, after: 6 },
    ]);
  });

  it('adds a mineral the table lacks by a setting: the check and the sweep read it, with its basis', () => {
    expect(findingsOf([], stone, []).map((f) => f.ruleId)).not.toContain('minimumScale');
    expect(swept([], 'constructionStone', 6)).toEqual([]);
    const added = withRuleSettings(ruleset, [stoneScale]);
    expect(added.minimumScales.map((s) => [s.mineral, s.min10ktPerYear])).toEqual([
      ['brickClay', 8],
      ['constructionStone', 10],
    ]);
    const [finding] = findingsOf([stoneScale], stone, []).filter((f) => f.ruleId === 'minimumScale');
    expect(finding).toMatchObject({ outcome: 'forbidden', legalBasis: stoneScale.legalBasis });
    const [hit] = swept([stoneScale], 'constructionStone', 6);
    expect(hit.legalBasis.zh).toContain('某县规划');
    expect(hit.detail.zh).toContain('最低开采规模 10 万吨/年');
    expect(registerRules(added).find((r) => r.id === stoneScale.id)).toMatchObject({ title: { zh: '最低开采规模（建筑用石料）' }, min10ktPerYear: 10 });
    // A setting naming an unknown mineral, or giving no figure, adds nothing.
    expect(withRuleSettings(ruleset, [{ ...stoneScale, id: 'minimumScale.unobtainium' }]).minimumScales).toHaveLength(1);
    expect(withRuleSettings(ruleset, [{ ...stoneScale, min10ktPerYear: undefined }]).minimumScales).toHaveLength(1);
  });
});
