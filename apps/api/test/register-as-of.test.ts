import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff, square } from './helpers/staff.ts';

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
const centre = turf.centroid(demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!).geometry.coordinates;
const EN = { 'accept-language': 'en' };
const today = chinaToday();
const LICENCE_NO = 'C6210002024017110000077';

/**
 * Issue #11: the checks, the patch classification and the indicators can be asked "as of" a past
 * day, and answer on the licence register as it stood at the end of that day (the one as-of
 * relation the register and the tiles read). A right registered on 2024-01-01 and revoked on
 * 2025-06-01 is absent on 2023-12-31, counts on 2024-06-01, and is gone again today.
 */
describe.each(TEST_DATABASES)('checks, patches and indicators as of a past day on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST', url: string, who: keyof typeof cookies = 'admin', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie: cookies[who], ...headers } });
  const query = (asOf?: string) => (asOf === undefined ? '' : `asOf=${asOf}`);

  const block = { geometry: square(centre, 30), proposal: { mineral: 'brickClay', capacity10ktPerYear: 6, rightKind: 'new' } };
  const check = async (asOf?: string) => {
    const answer = await call('POST', `/api/check?${query(asOf)}`, 'planner1', block);
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json() as { asOf: string; findings: { ruleId: string; featureName?: string }[]; indicators: { before: { id: string; value: number }[] } };
    return {
      asOf: body.asOf,
      overlaps: body.findings.filter((f) => f.ruleId === 'existingMiningRight').length,
      minesBefore: body.indicators.before.find((i) => i.id === 'mineCount.brickClay')!.value,
    };
  };
  const indicators = async (asOf?: string) => {
    const answer = await call('GET', `/api/indicators?${query(asOf)}`, 'planner1');
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json() as { asOf: string; indicators: { id: string; value: number }[] };
    return { asOf: body.asOf, mines: body.indicators.find((i) => i.id === 'mineCount.brickClay')!.value };
  };
  const patch = async (asOf?: string) => {
    const answer = await call('GET', `/api/patches?round=${encodeURIComponent('2024年第二季度')}&${query(asOf)}`, 'inspector1');
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json() as { asOf: string; features: { properties: { classification: string; licenceNos: string[] } }[] };
    return { asOf: body.asOf, classification: body.features[0].properties.classification, licenceNos: body.features[0].properties.licenceNos };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('answers on the register as it stood at the end of the day asked; a later day is today; a bad day is a 400 naming asOf', async () => {
    const before = { check: await check(), indicators: await indicators() };
    const registered = await call('POST', '/api/licences', 'admin', {
      collection: 'mining_rights', licenceNo: LICENCE_NO, mineName: '往日砖厂', holder: '往日建材有限公司', mineral: 'brickClay',
      miningMethod: 'openPit', scaleClass: 'small', capacity10ktPerYear: 6, validFrom: '2024-01-01', validTo: '2034-01-01',
      documentNo: '宁自然资矿字〔2024〕1号', effectiveOn: '2024-01-01', geometry: square(centre, 20),
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const revoked = await call('POST', `/api/licences/mining_rights/${registered.json().id}/events`, 'admin', {
      act: 'revoked', baseVersion: 1, documentNo: '注销〔2025〕7号', effectiveOn: '2025-06-01',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const round = {
      detectionRound: '2024年第二季度',
      detectedOn: '2024-05-20',
      features: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'WP2024-077' }, geometry: square(centre, 8) }] },
    };
    const loaded = await call('POST', '/api/patches', 'inspector1', round);
    expect(loaded.statusCode, loaded.body).toBe(201);

    // Before it was registered: the check, the indicators and the patch know nothing of it.
    expect(await check('2023-12-31')).toEqual({ ...before.check, asOf: '2023-12-31' });
    expect(await indicators('2023-12-31')).toEqual({ ...before.indicators, asOf: '2023-12-31' });
    expect(await patch('2023-12-31')).toMatchObject({ asOf: '2023-12-31', classification: 'unlicensed', licenceNos: [] });

    // In force: the block overlaps it, it is one more brick-clay mine, the patch is mined under it.
    expect(await check('2024-06-01')).toEqual({ asOf: '2024-06-01', overlaps: before.check.overlaps + 1, minesBefore: before.check.minesBefore + 1 });
    expect(await indicators('2024-06-01')).toEqual({ asOf: '2024-06-01', mines: before.indicators.mines + 1 });
    expect(await patch('2024-06-01')).toEqual({ asOf: '2024-06-01', classification: 'legal', licenceNos: [LICENCE_NO] });

    // Revoked since 2025-06-01: as the register stands, and on any day not yet past.
    for (const asOf of [undefined, '2025-06-01', today, '2999-01-01']) {
      const answerDay = asOf === '2025-06-01' ? asOf : today;
      expect(await check(asOf)).toEqual({ ...before.check, asOf: answerDay });
      expect(await indicators(asOf)).toEqual({ ...before.indicators, asOf: answerDay });
      expect(await patch(asOf)).toMatchObject({ asOf: answerDay, classification: 'closed_then_mined', licenceNos: [LICENCE_NO] });
    }

    // A day that is not one: 400 naming asOf, for each of the three.
    for (const [method, url] of [
      ['POST', '/api/check?asOf=2024-02-30'],
      ['GET', '/api/indicators?asOf=yesterday'],
      ['GET', '/api/patches?asOf=2024-13-01'],
    ] as const) {
      const answer = await call(method, url, 'planner1', method === 'POST' ? block : undefined, EN);
      expect([answer.statusCode, answer.json().code], answer.body).toEqual([400, 'invalidRequest']);
      expect(answer.json().message).toContain('asOf');
    }
  });
});
