import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { M2_PER_MU } from '@mpm/domain';
import { ellipsoidalAreaM2 } from '@mpm/geo';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { square } from './helpers/staff.ts';

type Polygon = GeoJSON.Polygon;
type Finding = { ruleId: string; outcome: string; collection?: string; featureId?: number; overlapAreaM2?: number; distanceM?: number; requiredDistanceM?: number };

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
const demoFeature = (layer: string, key: string, value: string) => demo(layer).features.find((f) => f.properties?.[key] === value)!;

/** The point `metres` to the left of a line's segment `index`, level with the segment's middle. */
function besideLine(line: GeoJSON.LineString, index: number, metres: number): number[] {
  const [a, b] = [line.coordinates[index], line.coordinates[index + 1]];
  const middle = turf.midpoint(a, b);
  return turf.destination(middle, metres / 1000, turf.bearing(a, b) - 90, { units: 'kilometers' }).geometry.coordinates;
}

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };

describe.each(TEST_DATABASES)('POST /api/check on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const check = async (body: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/check', payload: body, headers: { cookie, ...headers } });
  const findings = async (geometry: Polygon, proposal: object = clay): Promise<Finding[]> => {
    const response = await check({ geometry, proposal });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().findings;
  };
  const featureId = async (table: string, where: Record<string, string>) => (await t.db.knex(table).where(where).first('id')).id as number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookie = await t.login();
  });
  afterAll(() => t?.close());

  const planningBlock = demoFeature('mining_blocks', 'code', 'KC621025-01');
  const zone = demo('concentrated_zones').features.find((f) => turf.booleanIntersects(f, planningBlock))!;
  const inZone = square(turf.centroid(planningBlock).geometry.coordinates, 50);

  it('lets a clay block of enough capacity inside the concentrated zone pass without forbidden findings', async () => {
    expect(turf.booleanWithin(inZone, zone as GeoJSON.Feature<Polygon>)).toBe(true);
    const response = await check({ geometry: inZone, proposal: clay });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.findings.filter((f: Finding) => f.outcome === 'forbidden')).toEqual([]);
    expect(body.findings.map((f: Finding) => f.ruleId)).not.toContain('planZoning');
    expect(body.areaM2).toBeCloseTo(ellipsoidalAreaM2(inZone), 0);
    expect(body.areaKm2).toBe(Math.round(body.areaM2 / 100) / 1e4);
    expect(body.areaMu).toBeCloseTo(body.areaM2 / M2_PER_MU, 2);
    expect(body.geometry).toEqual(inZone);
    expect(body.rulesetId).toBe('zhengning-2021');
    expect(body.periodEnded).toBe(new Date().getFullYear() > 2025);
    const after = Object.fromEntries(body.indicators.after.map((i: { id: string; value: number }) => [i.id, i.value]));
    expect(after).toMatchObject({ mineCount: 6, 'mineCount.brickClay': 5, 'extraction.brickClay': 40 });
  });

  it('forbids a block across the ecological red line, with the overlap computed independently', async () => {
    const redline = demoFeature('eco_redline', 'name', '四郎河源头生态保护红线（示范）') as GeoJSON.Feature<Polygon>;
    const corner = redline.geometry.coordinates[0].reduce((west, p) => (p[0] < west[0] ? p : west));
    const block = square(corner, 150);
    const expectedM2 = ellipsoidalAreaM2(turf.intersect(turf.featureCollection([turf.feature(block), redline]))!.geometry as Polygon);
    expect(expectedM2).toBeGreaterThan(1000);

    const found = (await findings(block)).filter((f) => f.ruleId === 'ecoRedline');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      outcome: 'forbidden',
      collection: 'eco_redline',
      featureId: await featureId('protected_areas', { kind: 'eco_redline', name: redline.properties!.name }),
    });
    expect(Math.abs(found[0].overlapAreaM2! - expectedM2) / expectedM2).toBeLessThan(0.005);
  });

  it('forbids a block within 50 m of a county road, and not one 200 m away', async () => {
    const road = demo('roads').features.find((f) => f.properties?.roadClass === 'countyRoad')!.geometry as GeoJSON.LineString;
    const near = square(besideLine(road, 30, 70), 30);
    const roadFindings = (await findings(near)).filter((f) => f.ruleId === 'roadProtection');
    expect(roadFindings).toHaveLength(1);
    expect(roadFindings[0]).toMatchObject({ outcome: 'forbidden', collection: 'roads', requiredDistanceM: 100 });
    expect(roadFindings[0].distanceM).toBeGreaterThan(0);
    expect(roadFindings[0].distanceM).toBeLessThan(50);

    const far = square(besideLine(road, 30, 230), 20);
    expect((await findings(far)).filter((f) => f.ruleId === 'roadProtection')).toEqual([]);
  });

  it('forbids brick clay on cultivable land, but not another mineral there', async () => {
    const land = demoFeature('farmland', 'name', '党家村可耕地（示范）');
    const block = square(turf.centroid(land).geometry.coordinates, 40);
    expect(turf.booleanWithin(block, land as GeoJSON.Feature<Polygon>)).toBe(true);
    const onLand = (await findings(block)).filter((f) => f.ruleId === 'brickClayOnCultivableLand');
    expect(onLand).toMatchObject([{ outcome: 'forbidden', collection: 'farmland' }]);
    const stone = { mineral: 'constructionStone', capacity10ktPerYear: 20, rightKind: 'new' };
    expect((await findings(block, stone)).map((f) => f.ruleId)).not.toContain('brickClayOnCultivableLand');
  });

  it('applies the minimum scales to new and expanded mines, not to extensions', async () => {
    const ids = async (proposal: object) => (await findings(inZone, { ...clay, ...proposal })).map((f) => f.ruleId);
    expect(await ids({ capacity10ktPerYear: 5 })).toEqual(expect.arrayContaining(['minimumScale', 'concentratedZoneScale']));
    const ten = await ids({ capacity10ktPerYear: 10 });
    expect(ten).toContain('concentratedZoneScale');
    expect(ten).not.toContain('minimumScale');
    expect(await ids({ capacity10ktPerYear: 13 })).not.toContain('concentratedZoneScale');
    const extension = await ids({ capacity10ktPerYear: 5, rightKind: 'extension' });
    expect(extension.filter((id) => id.endsWith('cale') || id.endsWith('Scale'))).toEqual([]);
  });

  it('forbids a block over an existing mining right, except the licence being extended', async () => {
    const right = demoFeature('mining_rights', 'licenceNo', 'C6210252012067230DEMO02');
    const block = square(turf.centroid(right).geometry.coordinates, 60);
    const over = (await findings(block)).filter((f) => f.ruleId === 'existingMiningRight');
    expect(over).toMatchObject([
      { outcome: 'forbidden', collection: 'mining_rights', featureId: await featureId('mining_rights', { licence_no: 'C6210252012067230DEMO02' }) },
    ]);
    const extension = { ...clay, rightKind: 'extension', licenceNo: 'C6210252012067230DEMO02' };
    expect((await findings(block, extension)).map((f) => f.ruleId)).not.toContain('existingMiningRight');
  });

  it('names the other right holders of a mining planning block', async () => {
    const part = square(turf.centroid(planningBlock).geometry.coordinates, 30);
    await t.db.knex('mining_rights').insert({
      licence_no: 'C-TEST-HOLDER',
      mine_name: '测试矿（示范）',
      holder: '另一示范公司',
      mineral: 'brickClay',
      mining_method: 'openPit',
      scale_class: 'small',
      capacity_10kt_per_year: 1,
      valid_from: '2020-01-01',
      valid_to: '2030-01-01',
      geom: t.db.knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(part)]),
    });
    const one = (await findings(inZone, { ...clay, holder: '示范新公司' })).filter((f) => f.ruleId === 'oneHolderPerBlock');
    expect(one).toMatchObject([{ outcome: 'restricted', collection: 'mining_blocks' }]);
    expect((one[0] as unknown as { message: { zh: string } }).message.zh).toContain('另一示范公司');
    await t.db.knex('mining_rights').where({ licence_no: 'C-TEST-HOLDER' }).update({ right_status: 'revoked' });
    expect((await findings(inZone, { ...clay, holder: '示范新公司' })).map((f) => f.ruleId)).not.toContain('oneHolderPerBlock');
  });

  it('lets planners, inspectors and admins check; anonymous callers get 401', async () => {
    const body = { geometry: inZone, proposal: clay };
    expect((await t.app.inject({ method: 'POST', url: '/api/check', payload: body })).statusCode).toBe(401);
    for (const role of ['planner', 'inspector']) {
      const user = { username: `${role}1`, displayName: role, role, password: 'a-long-password' };
      const created = await t.app.inject({ method: 'POST', url: '/api/users', payload: user, headers: { cookie } });
      expect(created.statusCode, created.body).toBe(201);
      const session = await t.login(user.username, user.password);
      const response = await t.app.inject({ method: 'POST', url: '/api/check', payload: body, headers: { cookie: session } });
      expect(response.statusCode, `${role}: ${response.body}`).toBe(200);
    }
    expect((await check(body)).statusCode).toBe(200);
  });
});
