import { describe, expect, it } from 'vitest';
import { evaluate, measurementRequest, worstOutcome, type Proposal } from '../src/index.ts';
import { baseYearMines, buffers, feature, ruleset } from './fixtures.ts';

const clayMine: Proposal = { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' };
const run = (proposal: Proposal, features: ReturnType<typeof feature>[], blockAreaM2 = 100_000) =>
  evaluate({ ruleset, buffers, proposal, measurements: { blockAreaM2, features }, mines: baseYearMines });
const byRule = (findings: ReturnType<typeof run>['findings'], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

const inZone = () =>
  feature({
    collection: 'concentrated_zones',
    overlapAreaM2: 100_000,
    properties: { name: '党家村集中开采区', mainMineral: 'brickClay', minScale10ktPerYear: 13 },
  });

describe('evaluate', () => {
  it('forbids the red line for a new mine, with the overlap in m², mu, ha and % of the block', () => {
    const { findings } = run(clayMine, [inZone(), feature({ collection: 'eco_redline', overlapAreaM2: 20_000, properties: { name: '子午岭红线' } })]);
    const [redLine] = byRule(findings, 'ecoRedline');
    expect(redLine).toMatchObject({
      outcome: 'forbidden',
      collection: 'eco_redline',
      featureName: '子午岭红线',
      overlapAreaM2: 20_000,
      overlapAreaMu: 30,
      overlapAreaHa: 2,
      overlapPercent: 20,
    });
    expect(redLine.legalBasis.zh).toContain('生态保护红线');
    expect(redLine.message.zh).toContain('30 亩');
    expect(worstOutcome(findings)).toBe('forbidden');
  });

  it('makes the red line conditional for the extension of an existing right', () => {
    const { findings } = run({ ...clayMine, rightKind: 'extension' }, [feature({ collection: 'eco_redline', overlapAreaM2: 5_000 })]);
    expect(findings.map((f) => [f.ruleId, f.outcome])).toContainEqual(['ecoRedlineExtension', 'conditional']);
    expect(byRule(findings, 'ecoRedline')).toHaveLength(0);
  });

  it('reports an overlap below the sliver tolerance as a possible boundary offset', () => {
    const { findings } = run(clayMine, [inZone(), feature({ collection: 'nature_reserves', overlapAreaM2: 3.2 })]);
    expect(byRule(findings, 'natureReserve')).toEqual([
      expect.objectContaining({ outcome: 'advisory', possibleBoundaryOffset: true, overlapAreaM2: 3.2 }),
    ]);
  });

  it('forbids brick clay on any cultivable land but lets coal pass outside basic farmland', () => {
    const cultivable = () =>
      feature({ collection: 'farmland', overlapAreaM2: 1_000, properties: { name: '耕地', farmlandClass: 'cultivable' } });
    expect(byRule(run(clayMine, [inZone(), cultivable()]).findings, 'brickClayOnCultivableLand')).toHaveLength(1);
    const coal: Proposal = { mineral: 'coal', capacity10ktPerYear: 120, rightKind: 'new', scaleClass: 'large' };
    const { findings } = run(coal, [cultivable()]);
    expect(byRule(findings, 'brickClayOnCultivableLand')).toHaveLength(0);
    expect(byRule(findings, 'permanentBasicFarmland')).toHaveLength(0);
  });

  it('applies each road class its own statutory strip: 100 m for county roads, 50 m for township roads', () => {
    const road = (roadClass: string, distanceM: number) =>
      feature({ collection: 'roads', distanceM, properties: { name: roadClass, roadClass } });
    const { findings } = run(clayMine, [inZone(), road('countyRoad', 80), road('townshipRoad', 80), road('townshipRoad', 30)]);
    expect(byRule(findings, 'roadProtection').map((f) => [f.featureName, f.distanceM, f.requiredDistanceM])).toEqual([
      ['countyRoad', 80, 100],
      ['townshipRoad', 30, 50],
    ]);
    expect(byRule(findings, 'roadVisibleRange')).toHaveLength(3);
  });

  it('needs the railway operator’s agreement within 1 000 m of a railway', () => {
    const { findings } = run(clayMine, [inZone(), feature({ collection: 'railways', distanceM: 999.9 })]);
    expect(byRule(findings, 'railwayProtection')).toEqual([expect.objectContaining({ outcome: 'conditional', requiredDistanceM: 1000 })]);
  });

  it('never sets a right against itself when extending it', () => {
    const own = () => feature({ collection: 'mining_rights', overlapAreaM2: 90_000, properties: { licenceNo: 'C621', mineName: '示范砖厂' } });
    expect(byRule(run(clayMine, [inZone(), own()]).findings, 'existingMiningRight')).toHaveLength(1);
    expect(byRule(run({ ...clayMine, rightKind: 'extension', licenceNo: 'C621' }, [own()]).findings, 'existingMiningRight')).toHaveLength(0);
  });

  it('restricts the part of a clay block outside every planned zone or block for clay', () => {
    const halfIn = feature({ collection: 'mining_blocks', overlapAreaM2: 60_000, properties: { code: 'KC-01', mineral: 'brickClay' } });
    const coalBlock = feature({ collection: 'mining_blocks', overlapAreaM2: 40_000, properties: { code: 'KC-02', mineral: 'coal' } });
    const [outside] = byRule(run(clayMine, [halfIn, coalBlock]).findings, 'planZoning');
    expect(outside).toMatchObject({ outcome: 'restricted', overlapAreaM2: 40_000, overlapAreaMu: 60, overlapPercent: 40 });
  });

  it('holds new brick-clay mines to 8 ×10⁴ t/yr, and to 13 inside a concentrated zone', () => {
    const small = run({ ...clayMine, capacity10ktPerYear: 6 }, [inZone()]).findings;
    expect(byRule(small, 'minimumScale')).toHaveLength(1);
    expect(byRule(small, 'concentratedZoneScale')).toHaveLength(1);
    const mid = run({ ...clayMine, capacity10ktPerYear: 10 }, [inZone()]).findings;
    expect(byRule(mid, 'minimumScale')).toHaveLength(0);
    expect(byRule(mid, 'concentratedZoneScale')[0].message.zh).toContain('最低开采规模 13 万吨/年');
    expect(byRule(run({ ...clayMine, capacity10ktPerYear: 13 }, [inZone()]).findings, 'concentratedZoneScale')).toHaveLength(0);
  });

  it('holds a concentrated zone to its planned rights (拟设矿权 1) and its total (开采总量 13)', () => {
    const zone = (rightsInside: { licenceNo: string; capacity10ktPerYear: number }[]) =>
      feature({
        collection: 'concentrated_zones',
        overlapAreaM2: 100_000,
        properties: { name: '党家村集中开采区', mainMineral: 'brickClay', minScale10ktPerYear: 13, existingRights: 0, plannedRights: 1, extractionCap10kt: 13 },
        rightsInside,
      });
    const zoneRules = (proposal: Proposal, rights: { licenceNo: string; capacity10ktPerYear: number }[]) =>
      run(proposal, [zone(rights)]).findings.filter((f) => f.ruleId.startsWith('concentratedZone') && f.ruleId !== 'concentratedZoneScale').map((f) => f.ruleId);
    expect(zoneRules({ ...clayMine, capacity10ktPerYear: 13 }, [])).toEqual([]);
    expect(zoneRules({ ...clayMine, capacity10ktPerYear: 20 }, [])).toEqual(['concentratedZoneExtraction']);
    const taken = [{ licenceNo: 'C1', capacity10ktPerYear: 13 }];
    expect(zoneRules({ ...clayMine, capacity10ktPerYear: 13 }, taken)).toEqual(['concentratedZoneExtraction', 'concentratedZoneRights']);
    expect(zoneRules({ ...clayMine, rightKind: 'extension', licenceNo: 'C1', capacity10ktPerYear: 13 }, taken)).toEqual([]);
    expect(zoneRules({ ...clayMine, rightKind: 'expansion', licenceNo: 'C1', capacity10ktPerYear: 14 }, taken)).toEqual(['concentratedZoneExtraction']);
    const [rights] = run({ ...clayMine, capacity10ktPerYear: 13 }, [zone(taken)]).findings.filter((f) => f.ruleId === 'concentratedZoneRights');
    expect(rights).toMatchObject({ outcome: 'restricted', featureName: '党家村集中开采区' });
    expect(rights.legalBasis.zh).toContain('专栏二');
  });

  it('allows one right holder per mining planning block', () => {
    const block = feature({ collection: 'mining_blocks', overlapAreaM2: 100_000, properties: { code: 'KC-01', mineral: 'brickClay' }, rightHolders: ['甲公司'] });
    expect(byRule(run({ ...clayMine, holder: '乙公司' }, [block]).findings, 'oneHolderPerBlock')).toHaveLength(1);
    expect(byRule(run({ ...clayMine, holder: '甲公司' }, [block]).findings, 'oneHolderPerBlock')).toHaveLength(0);
  });

  it('computes the base-year indicators and what a new clay mine does to them', () => {
    const { indicators, findings } = run(clayMine, [inZone()]);
    const value = (list: typeof indicators.before, id: string) => list.find((i) => i.id === id);
    expect(value(indicators.before, 'mineCount')).toMatchObject({ value: 5, target: 7, state: 'met' });
    expect(value(indicators.before, 'largeMediumRatio')).toMatchObject({ value: 20, target: 29, state: 'atRisk' });
    expect(value(indicators.after, 'mineCount.brickClay')).toMatchObject({ value: 5, target: 5, state: 'atRisk' });
    expect(value(indicators.after, 'largeMediumRatio')?.value).toBe(16.7);
    expect(findings.filter((f) => f.ruleId.startsWith('indicator.'))).toHaveLength(0);
  });

  it('restricts a new mine that breaks a binding cap', () => {
    const sixClay = [...baseYearMines, { mineral: 'brickClay' as const, scaleClass: 'small' as const, capacity10ktPerYear: 8 }];
    const { findings } = evaluate({ ruleset, buffers, proposal: clayMine, measurements: { blockAreaM2: 1, features: [] }, mines: sixClay });
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['indicator.mineCount.brickClay', 'indicator.sandGravelClayMineCount']));
  });

  it('never limits a new coal mine by the plan’s 840 万吨: it is a total to reach (达到), not a cap', () => {
    const bigCoal: Proposal = { mineral: 'coal', capacity10ktPerYear: 800, rightKind: 'new', scaleClass: 'large' };
    const { findings, indicators } = evaluate({ ruleset, buffers, proposal: bigCoal, measurements: { blockAreaM2: 1, features: [] }, mines: baseYearMines });
    expect(findings.filter((f) => f.ruleId.startsWith('indicator.extraction'))).toEqual([]);
    const coal = indicators.after.find((i) => i.id === 'extraction.coal');
    expect(coal).toMatchObject({ kind: 'min', nature: 'expected', value: 920, target: 800, state: 'met', basis: 'designCapacity' });
    expect(indicators.before.find((i) => i.id === 'extraction')).toMatchObject({ value: 142, target: 840, state: 'atRisk' });
  });

  it('sorts findings worst first', () => {
    const { findings } = run(clayMine, [inZone(), feature({ collection: 'rivers', distanceM: 10 }), feature({ collection: 'eco_redline', overlapAreaM2: 500 })]);
    expect(findings[0].outcome).toBe('forbidden');
    expect(findings.at(-1)?.outcome).toBe('advisory');
  });
});

describe('measurementRequest', () => {
  it('asks each collection for the widest distance a rule can use', () => {
    const request = new Map(measurementRequest(ruleset, buffers).collections.map((c) => [c.collection, c.withinM]));
    expect(request.get('railways')).toBe(1000);
    expect(request.get('roads')).toBe(1000);
    expect(request.get('rivers')).toBe(500);
    expect(request.get('eco_redline')).toBe(0);
    expect(request.get('mining_blocks')).toBe(0);
  });
});
