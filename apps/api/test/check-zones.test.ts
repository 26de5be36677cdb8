import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { rightCountsInChecks, type CollectionId } from '@mpm/domain';
import { createTurfEngine, evaluate, measurementRequest, type BufferSettings, type Finding, type Proposal, type Ruleset } from '@mpm/rules';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff, square } from './helpers/staff.ts';

const zone = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection
).features[0];
const [lon, lat] = turf.centroid(zone).geometry.coordinates;
/** Two spots inside the zone, ~100 m either side of its centre. */
const west: [number, number] = [lon - 0.0011, lat];
const east: [number, number] = [lon + 0.0011, lat];
const ZONE_RULES = ['concentratedZoneRights', 'concentratedZoneExtraction'];
/** What must agree between the engines: rule, feature and outcome of every finding. */
const key = (f: Finding) => `${f.ruleId}|${f.collection ?? ''}|${f.featureId ?? ''}|${f.outcome}`;

describe.each(TEST_DATABASES)('a concentrated zone’s planned rights and total (专栏二) on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  let ruleset: Ruleset;
  let buffers: BufferSettings;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
    ({ ruleset, buffers } = (await t.app.inject({ url: '/api/rules', headers: { cookie: cookies.planner1 } })).json());
  });
  afterAll(() => t?.close());

  /** The server's findings, and the browser engine's over the same OGC items the web app loads: they must agree. */
  async function bothEngines(geometry: GeoJSON.Polygon, proposal: Proposal): Promise<Finding[]> {
    const response = await t.app.inject({ method: 'POST', url: '/api/check', headers: { cookie: cookies.planner1 }, payload: { geometry, proposal } });
    expect(response.statusCode, response.body).toBe(200);
    const server = response.json().findings as Finding[];
    const request = measurementRequest(ruleset, buffers);
    const collections = new Set<CollectionId>([...request.collections.map((c) => c.collection), 'mining_rights']);
    const layers = await Promise.all(
      [...collections].map(async (collection) => {
        const items = (await t.app.inject({ url: `/ogc/collections/${collection}/items?limit=10000`, headers: { cookie: cookies.planner1 } })).json();
        const features = (items.features as GeoJSON.Feature[]).filter((f) => collection !== 'mining_rights' || rightCountsInChecks(f.properties?.rightStatus));
        return { collection, features };
      }),
    );
    const measurements = createTurfEngine(layers, { holderOverlapToleranceM2: ruleset.sliverToleranceM2 }).measure(geometry, request);
    expect(measurements.errors).toEqual([]);
    const mines = layers
      .find((l) => l.collection === 'mining_rights')!
      .features.map((f) => ({ mineral: f.properties!.mineral, scaleClass: f.properties!.scaleClass, capacity10ktPerYear: f.properties!.capacity10ktPerYear }));
    const browser = evaluate({ ruleset, buffers, proposal, measurements, mines }).findings;
    expect(browser.map(key).sort()).toEqual(server.map(key).sort());
    return server;
  }
  const zoneFindings = (findings: Finding[]) => findings.filter((f) => ZONE_RULES.includes(f.ruleId));
  const clay = (capacity10ktPerYear: number, extra: Partial<Proposal> = {}): Proposal => ({ mineral: 'brickClay', capacity10ktPerYear, rightKind: 'new', ...extra });

  it('lets the one planned right of 13 万吨/年 pass, and holds a block of 20 to the zone total of 13', async () => {
    expect(zone.properties).toMatchObject({ existingRights: 0, plannedRights: 1, extractionCap10kt: 13 });
    expect(zoneFindings(await bothEngines(square(west, 40), clay(13)))).toEqual([]);
    const [over] = zoneFindings(await bothEngines(square(west, 40), clay(20)));
    expect(over).toMatchObject({ ruleId: 'concentratedZoneExtraction', outcome: 'restricted', collection: 'concentrated_zones', featureName: zone.properties!.name });
    expect(over.message.zh).toContain('开采总量 13 万吨');
    expect(over.legalBasis.zh).toMatch(/《正宁县矿产资源总体规划（2021-2025年）》三（四）专栏二/);
  });

  it('once the zone has its right, finds a second block in it on both engines, but not the right’s own extension', async () => {
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/licences',
      headers: { cookie: cookies.admin },
      payload: {
        collection: 'mining_rights',
        licenceNo: 'C6210002025017110000001',
        mineName: '党家村砖厂',
        holder: '党家村建材有限公司',
        mineral: 'brickClay',
        miningMethod: 'openPit',
        scaleClass: 'medium',
        capacity10ktPerYear: 13,
        validFrom: '2025-01-01',
        validTo: '2030-01-01',
        documentNo: '宁自然资矿字〔2025〕1号',
        effectiveOn: '2025-01-01',
        geometry: square(east, 60),
      },
    });
    expect(registered.statusCode, registered.body).toBe(200);

    const second = zoneFindings(await bothEngines(square(west, 40), clay(13)));
    expect(second.map((f) => [f.ruleId, f.outcome])).toEqual([
      ['concentratedZoneExtraction', 'restricted'],
      ['concentratedZoneRights', 'restricted'],
    ]);
    const rights = second.find((f) => f.ruleId === 'concentratedZoneRights')!;
    expect(rights.message.zh).toContain('C6210002025017110000001');
    expect(rights.legalBasis.zh).toContain('拟设矿权均为 1');

    const own = { licenceNo: 'C6210002025017110000001' };
    expect(zoneFindings(await bothEngines(square(east, 60), clay(13, { ...own, rightKind: 'extension' })))).toEqual([]);
    expect(zoneFindings(await bothEngines(square(east, 60), clay(15, { ...own, rightKind: 'expansion' }))).map((f) => f.ruleId)).toEqual([
      'concentratedZoneExtraction',
    ]);
  });
});
