import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { ruleSettings, withRuleSettings } from '@mpm/rules';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { square } from './helpers/staff.ts';

const ruleset = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'rulesets', 'zhengning-2021.json'), 'utf8'));
const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };

/** A 40 m square whose centre is 230 m to the left of the county road's segment 30: 202–210 m from it. */
function blockBesideCountyRoad(): GeoJSON.Polygon {
  const roads = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'roads.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
  const road = roads.features.find((f) => f.properties?.roadClass === 'countyRoad')!.geometry as GeoJSON.LineString;
  const [a, b] = [road.coordinates[30], road.coordinates[31]];
  const [lon, lat] = turf.destination(turf.midpoint(a, b), 0.23, turf.bearing(a, b) - 90, { units: 'kilometers' }).geometry.coordinates;
  return square([lon, lat], 20);
}

describe.each(TEST_DATABASES)('county buffer settings on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let planner: string;
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const put = (payload: object, cookie?: string) =>
    t.app.inject({ method: 'PUT', url: '/api/settings/buffers', payload, headers: cookie ? { cookie } : {} });
  const roadFindings = async (geometry: GeoJSON.Polygon) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/check', payload: { geometry, proposal: clay }, headers: { cookie: planner } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().findings.filter((f: { ruleId: string }) => f.ruleId === 'roadProtection');
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login();
    const user = { username: 'planner1', displayName: '规划员', role: 'planner', password: 'a-long-password' };
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: user, headers: { cookie: admin } })).statusCode).toBe(201);
    planner = await t.login(user.username, user.password);
  });
  afterAll(() => t?.close());

  it('shows staff the ruleset defaults with their legal basis; anonymous users get 401', async () => {
    expect((await get('/api/settings/buffers')).statusCode).toBe(401);
    const response = await get('/api/settings/buffers', planner);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      buffers: ruleset.bufferDefaults,
      defaults: ruleset.bufferDefaults,
      legalBasis: ruleset.bufferLegalBasis,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('serves the ruleset and the effective buffers for the browser engine, to staff only', async () => {
    expect((await get('/api/rules')).statusCode).toBe(401);
    const response = await get('/api/rules', planner);
    expect(response.statusCode).toBe(200);
    // The file, as version 1 of the rule register (recorded at boot) puts it in force: each tolerance stated.
    expect(response.json()).toEqual({ ruleset: withRuleSettings(ruleset, ruleSettings(ruleset)), rulesetVersion: 1, buffers: ruleset.bufferDefaults });
  });

  it('refuses widths outside 0..20 000 m, unknown keys and an empty change', async () => {
    for (const body of [{ countyRoadM: -1 }, { countyRoadM: 20_001 }, { motorwayM: 100 }, {}, { countyRoadM: 'far' }]) {
      const response = await put(body, admin);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('lets only admins change widths: anonymous 401, planner 403', async () => {
    expect((await put({ countyRoadM: 300 })).statusCode).toBe(401);
    expect((await put({ countyRoadM: 300 }, planner)).statusCode).toBe(403);
    expect((await get('/api/settings/buffers', planner)).json().buffers.countyRoadM).toBe(100);
  });

  it('applies a changed width to the next check, keeps other widths and audits the change', async () => {
    const block = blockBesideCountyRoad();
    expect(await roadFindings(block)).toEqual([]);

    const response = await put({ countyRoadM: 300 }, admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().buffers).toEqual({ ...ruleset.bufferDefaults, countyRoadM: 300 });
    const [entry] = await t.db.knex('audit_log').where({ entity: 'county_settings' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ action: 'update', entity_id: 'buffers' });
    expect(entry.detail.before.countyRoadM).toBe(100);
    expect(entry.detail.after.countyRoadM).toBe(300);

    const flagged = await roadFindings(block);
    expect(flagged).toMatchObject([{ outcome: 'forbidden', requiredDistanceM: 300 }]);
    expect(flagged[0].distanceM).toBeGreaterThan(200);
    expect(flagged[0].distanceM).toBeLessThan(212);

    await put({ townshipRoadM: 80 }, admin);
    const { buffers } = (await get('/api/rules', planner)).json();
    expect(buffers).toEqual({ ...ruleset.bufferDefaults, countyRoadM: 300, townshipRoadM: 80 });
  });
});
