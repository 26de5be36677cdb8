import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

/** A square block about 90 m across in the demo county's first concentrated zone (党家村). */
function block(): GeoJSON.Polygon {
  const zone = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'concentrated_zones.geojson'), 'utf8')) as GeoJSON.FeatureCollection).features[0];
  const [lon, lat] = turf.centroid(zone).geometry.coordinates;
  const d = 0.0004;
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

const mineCountAfter = (body: { indicators: { after: { id: string; value: number; target: number }[] } }) =>
  body.indicators.after.find((indicator) => indicator.id === 'mineCount');

// The check keeps what rarely changes (the mines, the settings, the ruleset in force, the county's
// extent) between checks: a write by any path, even one that bypasses the app, shows in the next check.
describe.each(TEST_DATABASES)('what a check keeps between checks, on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const check = async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { cookie },
      payload: { geometry: block(), proposal: { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' } },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(() => t?.close());

  it('counts the mines and the targets as they stand at each check, whoever wrote them', async () => {
    expect(mineCountAfter(await check())).toMatchObject({ value: 6, target: 7 });
    // Outside the app: a right revoked straight in the table, and a target stored by hand.
    await t.db.knex.raw(
      `UPDATE mining_rights SET right_status = 'revoked' WHERE id = (SELECT min(id) FROM mining_rights WHERE right_status <> 'revoked')`,
    );
    expect(mineCountAfter(await check())).toMatchObject({ value: 5, target: 7 });
    await t.db.knex.raw(
      `INSERT INTO county_settings (key, value) VALUES ('indicators', '{"maxMines": 9}'::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = county_settings.value || EXCLUDED.value`,
    );
    expect(mineCountAfter(await check())).toMatchObject({ value: 5, target: 9 });
  });

  it('refuses and then accepts a block as the minimum block area stands at each check, whoever stored it', async () => {
    const checkStatus = () =>
      t.app.inject({ method: 'POST', url: '/api/check', headers: { cookie }, payload: { geometry: block(), proposal: { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' } } });
    const setMinimum = (minBlockAreaM2: number) =>
      t.db.knex.raw(
        `INSERT INTO county_settings (key, value) VALUES ('blocks', ?::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify({ minBlockAreaM2 })],
      );
    expect((await checkStatus()).statusCode).toBe(200);
    await setMinimum(40_000);
    const refused = await checkStatus();
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().code).toBe('blockTooSmall');
    await setMinimum(1_000);
    expect((await checkStatus()).statusCode).toBe(200);
    await t.db.knex('county_settings').where({ key: 'blocks' }).delete();
  });
});
