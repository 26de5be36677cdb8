import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { SweepRun } from '@mpm/contracts';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff } from './helpers/staff.ts';

/**
 * A bureau's own minimum scale for coal, as it would add one in 规则 (the seeds give brick clay
 * only: 004's 8 万吨/年). A test figure, named as one.
 */
const COAL_SCALE = {
  id: 'minimumScale.coal',
  min10ktPerYear: 150,
  legalBasis: { zh: '县局测试用：煤炭矿山最低开采规模 150 万吨/年', en: 'Bureau test figure: coal mines at least 150 ×10⁴ t/yr' },
};

/** A square block about 90 m across at the centre of the demo's first concentrated zone. */
function block(): GeoJSON.Polygon {
  const zone = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection).features[0];
  const [lon, lat] = turf.centroid(zone).geometry.coordinates;
  const d = 0.0004;
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

describe.each(TEST_DATABASES)('the minimum scales as a per-mineral table in the rule register (issue #15) on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: keyof typeof cookies = 'admin', payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: cookies[who], 'accept-language': 'en' } });
  const version = async () => (await call('GET', '/api/ruleset')).json().version as number;
  const save = async (rules: object[]) => call('PUT', '/api/ruleset', 'admin', { baseVersion: await version(), rules, note: '最低开采规模' });
  const scaleFindings = async (mineral: string, capacity10ktPerYear: number) => {
    const answer = await call('POST', '/api/check', 'planner1', { geometry: block(), proposal: { mineral, capacity10ktPerYear, rightKind: 'new' } });
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json().findings as { ruleId: string; legalBasis: { zh: string } }[]).filter((f) => f.ruleId === 'minimumScale');
  };
  const sweptBelow = async () => {
    const answer = await call('POST', '/api/sweep/runs', 'inspector1');
    expect(answer.statusCode, answer.body).toBe(201);
    return (answer.json() as SweepRun).findings.filter((f) => f.problem === 'belowMinimumScale').map((f) => f.licenceNo.slice(-6)).sort();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('lists brick clay’s 8 万吨/年 from seed 004 as the table’s one row, read by the check and the sweep', async () => {
    const rules = (await call('GET', '/api/ruleset')).json().rules as { id: string; min10ktPerYear?: number; legalBasis: { zh: string } }[];
    const scales = rules.filter((r) => r.min10ktPerYear !== undefined);
    expect(scales.map((r) => [r.id, r.min10ktPerYear])).toEqual([['minimumScale.brickClay', 8]]);
    expect(scales[0].legalBasis.zh).toContain('规划期不再新建 8 万吨/年以下砖瓦用粘土矿');
    expect(await scaleFindings('coal', 100)).toEqual([]);
    expect(await sweptBelow()).toEqual(['DEMO04']);
  });

  it('adds a mineral through the register: the next check and sweep hold it, the browser ruleset carries it, the history names it', async () => {
    const saved = await save([COAL_SCALE]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rules.find((r: { id: string }) => r.id === COAL_SCALE.id)).toMatchObject({
      min10ktPerYear: 150,
      outcome: 'forbidden',
      title: { en: 'Minimum mining scale (coal)' },
    });
    const [finding] = await scaleFindings('coal', 100);
    expect(finding.legalBasis.zh).toBe(COAL_SCALE.legalBasis.zh);
    expect(await scaleFindings('coal', 150)).toEqual([]);
    // DEMO01, the county's coal mine, produces 120: below the bureau's 150.
    expect(await sweptBelow()).toEqual(['DEMO01', 'DEMO04']);
    const browser = (await call('GET', '/api/rules', 'planner1')).json().ruleset.minimumScales;
    expect(browser.map((s: { mineral: string; min10ktPerYear: number }) => [s.mineral, s.min10ktPerYear])).toEqual([
      ['brickClay', 8],
      ['coal', 150],
    ]);
    const [latest] = (await call('GET', '/api/ruleset/versions')).json().versions;
    expect(latest.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: COAL_SCALE.id, field: 'min10ktPerYear', before: null, after: 150, title: expect.objectContaining({ zh: '最低开采规模（煤炭）' }) })]),
    );
  });

  it('changes a figure: brick clay at 2 万吨/年 no longer holds DEMO04 (3) in the sweep', async () => {
    const saved = await save([{ id: 'minimumScale.brickClay', min10ktPerYear: 2 }]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await sweptBelow()).toEqual(['DEMO01']);
    expect(await scaleFindings('brickClay', 3)).toEqual([]);
    expect(await save([{ id: 'minimumScale.brickClay', min10ktPerYear: 8 }])).toMatchObject({ statusCode: 200 });
  });

  it('refuses an unknown mineral, a new row without its figure or basis, a figure out of range or on a rule that is no scale; nothing written', async () => {
    const before = await version();
    for (const [rules, code] of [
      [[{ ...COAL_SCALE, id: 'minimumScale.unobtainium' }], 'unknownRule'],
      [[{ id: 'minimumScale.constructionStone', min10ktPerYear: 10 }], 'scaleMissing'],
      [[{ id: 'minimumScale.constructionStone', legalBasis: COAL_SCALE.legalBasis }], 'scaleMissing'],
      [[{ ...COAL_SCALE, id: 'minimumScale.constructionStone', min10ktPerYear: 0 }], 'scaleOutOfRange'],
      [[{ id: 'minimumScale.brickClay', min10ktPerYear: -8 }], 'scaleOutOfRange'],
      [[{ id: 'ecoRedline', min10ktPerYear: 8 }], 'ruleHasNoScale'],
    ] as const) {
      const answer = await save(rules as unknown as object[]);
      expect(answer.statusCode, JSON.stringify(rules)).toBe(400);
      expect(answer.json().code).toBe(code);
    }
    expect(await version()).toBe(before);
  });
});
