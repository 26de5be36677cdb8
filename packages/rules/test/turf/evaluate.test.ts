import { describe, expect, it } from 'vitest';
import { createTurfEngine, evaluate, measurementRequest } from '../../src/index.ts';
import { baseYearMines, buffers, ruleset } from '../fixtures.ts';
import { demoLayers, fixtureBlocks } from './demo-county.ts';

const engine = createTurfEngine(demoLayers);
const request = measurementRequest(ruleset, buffers);

describe('evaluate on the Turf engine’s measurements (fixtures/blocks.geojson)', () => {
  for (const { name, block, cases } of fixtureBlocks) {
    for (const { proposal, findings: expected } of cases) {
      it(`${name}: ${proposal.rightKind} ${proposal.mineral} at ${proposal.capacity10ktPerYear} ×10⁴ t/yr`, () => {
        const measurements = engine.measure(block, request);
        expect(measurements.errors).toEqual([]);
        const { findings } = evaluate({ ruleset, buffers, proposal, measurements, mines: baseYearMines });
        const actual = findings.map((f) => [f.ruleId, f.outcome, f.collection, f.featureId].filter((v) => v !== undefined));
        expect(actual).toEqual(expected);
      });
    }
  }

  it('reports the red-line overlap in m², mu and % of the block, and the road distance it measured', () => {
    const byName = (name: string) => fixtureBlocks.find((f) => f.name === name)!;
    const clay = byName('acrossEcoRedline').cases[0].proposal;
    const redLine = evaluate({ ruleset, buffers, proposal: clay, measurements: engine.measure(byName('acrossEcoRedline').block, request), mines: baseYearMines });
    const [finding] = redLine.findings.filter((f) => f.ruleId === 'ecoRedline');
    expect(finding.overlapAreaM2).toBeCloseTo(52_307.47, 2);
    expect(finding.overlapAreaMu).toBeCloseTo(78.46, 2);
    expect(finding.overlapPercent).toBeCloseTo(43.6, 1);
    const road = evaluate({ ruleset, buffers, proposal: clay, measurements: engine.measure(byName('nearCountyRoad').block, request), mines: baseYearMines });
    expect(road.findings.find((f) => f.ruleId === 'roadProtection')).toMatchObject({ distanceM: 75, requiredDistanceM: 100 });
  });
});
