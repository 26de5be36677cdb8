import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { M2_PER_MU, type CollectionId } from '@mpm/domain';
import { ellipsoidalAreaM2 } from '@mpm/geo';
import { createTurfEngine, evaluate, measurementRequest, type BufferSettings, type Finding, type Proposal, type Ruleset } from '@mpm/rules';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { square } from './helpers/staff.ts';

type Area = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
const demo = (layer: string) =>
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${layer}.geojson`), 'utf8')) as GeoJSON.FeatureCollection).features as Area[];

/** The layers issue #15 adds, the rule each one feeds, and the verdict it gives. */
const CASES = [
  { layer: 'urban_development_boundary', ruleId: 'urbanDevelopmentBoundary', outcome: 'restricted', basis: '不符合‘三区三线’管控要求' },
  { layer: 'forest_land', ruleId: 'forestLand', outcome: 'conditional', basis: '非法占用耕地、林地、草地、湿地和自然保护地' },
  { layer: 'grassland', ruleId: 'grassland', outcome: 'conditional', basis: '非法占用耕地、林地、草地、湿地和自然保护地' },
  { layer: 'wetland', ruleId: 'wetland', outcome: 'restricted', basis: '非法占用耕地、林地、草地、湿地和自然保护地' },
] as const;

/** Seed 002, the Changjiang district campaign plan, which every one of these findings cites. */
const SEED_002 = '《昌江区深入整治规范矿产资源保护开发利用专项行动实施方案》';

const stone: Proposal = { mineral: 'constructionStone', capacity10ktPerYear: 20, rightKind: 'new' };

describe.each(TEST_DATABASES)('the land classes and the urban development boundary in the planner’s check on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let ruleset: Ruleset;
  let buffers: BufferSettings;
  let engine: ReturnType<typeof createTurfEngine>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
    ({ ruleset, buffers } = (await t.app.inject({ url: '/api/rules', headers: { cookie } })).json());
    // The browser's engine, on the features the web app loads (OGC items), as parity.test.ts builds it.
    const collections = [...new Set<CollectionId>(measurementRequest(ruleset, buffers).collections.map((c) => c.collection))];
    const layers = await Promise.all(
      collections.map(async (collection) => {
        const items = (await t.app.inject({ url: `/ogc/collections/${collection}/items?limit=10000`, headers: { cookie } })).json();
        return { collection, features: items.features as GeoJSON.Feature[] };
      }),
    );
    engine = createTurfEngine(layers, { holderOverlapToleranceM2: ruleset.sliverToleranceM2 });
  });
  afterAll(() => t?.close());

  const serverFindings = async (geometry: GeoJSON.Polygon, proposal: Proposal = stone) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/check', headers: { cookie }, payload: { geometry, proposal } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { findings: Finding[]; periodEnded: boolean };
  };
  const browserFindings = (geometry: GeoJSON.Polygon, periodEnded: boolean, proposal: Proposal = stone) => {
    const measurements = engine.measure(geometry, measurementRequest(ruleset, buffers));
    expect(measurements.errors).toEqual([]);
    return evaluate({ ruleset, buffers, proposal, measurements, mines: [], periodEnded }).findings;
  };

  it.each(CASES)('finds a block on $layer ($ruleId, $outcome) in mu, citing seed 002, and the browser agrees', async ({ layer, ruleId, outcome, basis }) => {
    const area = demo(layer)[0];
    // Half inside, half outside the area: on its westmost vertex.
    const west = (area.geometry.type === 'Polygon' ? area.geometry.coordinates[0] : area.geometry.coordinates[0][0]).reduce((w, p) => (p[0] < w[0] ? p : w));
    const block = square(west, 120);
    const expectedM2 = ellipsoidalAreaM2(turf.intersect(turf.featureCollection([turf.feature(block), area]))!.geometry as GeoJSON.Polygon);
    expect(expectedM2).toBeGreaterThan(2000);

    const server = await serverFindings(block);
    const found = server.findings.filter((f) => f.ruleId === ruleId);
    const row = await t.db.knex('protected_areas').where({ kind: layer, name: area.properties!.name }).first('id');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ outcome, collection: layer, featureId: row.id, featureName: area.properties!.name });
    expect(Math.abs(found[0].overlapAreaM2! - expectedM2) / expectedM2).toBeLessThan(0.005);
    expect(found[0].overlapAreaMu).toBeCloseTo(found[0].overlapAreaM2! / M2_PER_MU, 1);
    expect(found[0].message.zh).toContain('亩');
    expect(found[0].legalBasis.zh).toContain(SEED_002);
    expect(found[0].legalBasis.zh).toContain(basis);

    const browser = browserFindings(block, server.periodEnded).filter((f) => f.ruleId === ruleId);
    expect(browser.map((f) => [f.collection, f.featureId, f.outcome])).toEqual([[layer, row.id, outcome]]);
    expect(Math.abs(browser[0].overlapAreaM2! - found[0].overlapAreaM2!)).toBeLessThanOrEqual(Math.max(1, found[0].overlapAreaM2! * 1e-3));
  });

  it('finds nothing of these rules for a block 300 m clear of every such area, on either engine', async () => {
    const area = demo('forest_land')[0];
    const west = (area.geometry as GeoJSON.Polygon).coordinates[0].reduce((w, p) => (p[0] < w[0] ? p : w));
    const block = square(turf.destination(west, 0.4, -90, { units: 'kilometers' }).geometry.coordinates, 50);
    const ids: string[] = CASES.map((c) => c.ruleId);
    const server = await serverFindings(block);
    expect(server.findings.filter((f) => ids.includes(f.ruleId))).toEqual([]);
    expect(browserFindings(block, server.periodEnded).filter((f) => ids.includes(f.ruleId))).toEqual([]);
  });
});
