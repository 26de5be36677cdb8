import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurfEngine, evaluate, measurementRequest, type Finding, type MineRecord, type Proposal, type Ruleset, type BufferSettings } from '@mpm/rules';

import { RIGHT_COLLECTIONS, rightCountsInChecks, type CollectionId } from '@mpm/domain';
import { metresPerDegree } from '@mpm/geo';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/** Blocks per database: seeded, spread over the demo county. */
const RANDOM_BLOCKS = 300;
/** Distances this close to a rule's threshold (m) may fall either side between the engines. */
const DISTANCE_BORDER_M = 1;
/** Overlaps this close to the sliver tolerance (m²) may be called a sliver by one engine only. */
const AREA_BORDER_M2 = 1;

/** mulberry32: a small seeded PRNG, so every run checks the same blocks. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped block of 5–10 vertices, 100–900 m across, around (lon, lat). */
function blockAround(rand: () => number, lon: number, lat: number): GeoJSON.Polygon {
  const n = 5 + Math.floor(rand() * 6);
  const radiusM = 50 + rand() * 400;
  const ring: [number, number][] = [];
  const { x, y } = metresPerDegree(lat);
  for (let i = 0; i < n; i++) {
    const angle = (i / n) * 2 * Math.PI;
    const r = radiusM * (0.6 + 0.4 * rand());
    ring.push([lon + (r * Math.cos(angle)) / x, lat + (r * Math.sin(angle)) / y]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** What must agree between the engines: rule, feature and outcome of every finding. */
const key = (f: Finding) => `${f.ruleId}|${f.collection ?? ''}|${f.featureId ?? ''}|${f.outcome}`;

/** A finding whose figures sit on a threshold: measurement noise may move it either way. */
function borderline(f: Finding, ruleset: Ruleset): boolean {
  if (f.distanceM !== undefined && f.requiredDistanceM !== undefined) {
    return Math.abs(f.distanceM - f.requiredDistanceM) < DISTANCE_BORDER_M;
  }
  return f.overlapAreaM2 !== undefined && Math.abs(f.overlapAreaM2 - ruleset.sliverToleranceM2) < AREA_BORDER_M2;
}

describe.each(TEST_DATABASES)('browser and server engines agree on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let ruleset: Ruleset;
  let buffers: BufferSettings;
  let engine: ReturnType<typeof createTurfEngine>;
  let mines: MineRecord[];
  let county: [number, number, number, number];

  beforeAll(async () => {
    // Hundreds of server checks in a row: more than a person's rate limit allows.
    t = await createTestApp(kind, { checksPerMinute: 10_000 });
    cookie = await t.login();
    ({ ruleset, buffers } = (await t.app.inject({ url: '/api/rules', headers: { cookie } })).json());
    // The browser's view of the county: the same OGC items the web app loads.
    const collections = new Set<CollectionId>([
      ...measurementRequest(ruleset, buffers).collections.map((c) => c.collection),
      'mining_rights',
    ]);
    const layers = await Promise.all(
      [...collections].map(async (collection) => {
        const items = (await t.app.inject({ url: `/ogc/collections/${collection}/items?limit=10000`, headers: { cookie } })).json();
        // Revoked rights left out, as the web's browser engine leaves them out (apps/web/src/plan/engine.ts).
        const features = (items.features as GeoJSON.Feature[]).filter((f) => !(RIGHT_COLLECTIONS as readonly string[]).includes(collection) || rightCountsInChecks(f.properties!.rightStatus));
        return { collection, features };
      }),
    );
    engine = createTurfEngine(layers, { holderOverlapToleranceM2: ruleset.sliverToleranceM2 });
    mines = layers
      .find((l) => l.collection === 'mining_rights')!
      .features.filter((f) => f.properties!.rightStatus !== 'revoked')
      .map((f) => ({
        mineral: f.properties!.mineral,
        scaleClass: f.properties!.scaleClass,
        capacity10ktPerYear: f.properties!.capacity10ktPerYear,
      }));
    county = (await t.app.inject('/api/config')).json().bounds;
  });
  afterAll(() => t?.close());

  async function compare(geometry: GeoJSON.Polygon, proposal: Proposal) {
    const response = await t.app.inject({ method: 'POST', url: '/api/check', headers: { cookie }, payload: { geometry, proposal } });
    if (response.statusCode !== 200) return { skipped: true as const, reason: response.json().code as string };
    const server = response.json();
    const measurements = engine.measure(geometry, measurementRequest(ruleset, buffers));
    expect(measurements.errors, JSON.stringify(measurements.errors)).toEqual([]);
    const browser = evaluate({ ruleset, buffers, proposal, measurements, mines, periodEnded: server.periodEnded });

    expect(measurements.blockAreaM2).toBeCloseTo(server.areaM2, 1);
    const serverKeys = new Map((server.findings as Finding[]).map((f) => [key(f), f]));
    const browserKeys = new Map(browser.findings.map((f) => [key(f), f]));
    for (const [k, f] of serverKeys) if (!browserKeys.has(k)) expect(borderline(f, ruleset), `server only: ${k}`).toBe(true);
    for (const [k, f] of browserKeys) if (!serverKeys.has(k)) expect(borderline(f, ruleset), `browser only: ${k}`).toBe(true);
    for (const [k, s] of serverKeys) {
      const b = browserKeys.get(k);
      if (!b) continue;
      if (s.overlapAreaM2 !== undefined) {
        expect(Math.abs(b.overlapAreaM2! - s.overlapAreaM2), `${k} area`).toBeLessThanOrEqual(Math.max(1, s.overlapAreaM2 * 1e-3));
      }
      if (s.distanceM !== undefined) expect(Math.abs(b.distanceM! - s.distanceM), `${k} distance`).toBeLessThanOrEqual(1);
    }
    expect(browser.indicators.after.map((i) => [i.id, i.value, i.state])).toEqual(
      server.indicators.after.map((i: { id: string; value: number; state: string }) => [i.id, i.value, i.state]),
    );
    return { skipped: false as const, findings: server.findings.length as number };
  }

  it(`gives the same verdicts on ${RANDOM_BLOCKS} seeded random blocks over the county`, async () => {
    const rand = random(kind === 'pglite' ? 2021 : 2025);
    const minerals: Proposal['mineral'][] = ['brickClay', 'coal', 'constructionSand'];
    const kinds: Proposal['rightKind'][] = ['new', 'extension', 'expansion'];
    let checked = 0;
    let findings = 0;
    for (let i = 0; i < RANDOM_BLOCKS; i++) {
      const lon = county[0] + rand() * (county[2] - county[0]);
      const lat = county[1] + rand() * (county[3] - county[1]);
      const proposal: Proposal = {
        mineral: minerals[Math.floor(rand() * minerals.length)],
        capacity10ktPerYear: Math.round(rand() * 200) / 10,
        rightKind: kinds[Math.floor(rand() * kinds.length)],
      };
      const result = await compare(blockAround(rand, lon, lat), proposal);
      if (result.skipped) {
        // Only blocks the server refuses as outside the county may be skipped.
        expect(result.reason).toMatch(/county/);
        continue;
      }
      checked++;
      findings += result.findings;
    }
    expect(checked).toBeGreaterThan(RANDOM_BLOCKS * 0.8);
    expect(findings).toBeGreaterThan(checked);
  });
});
