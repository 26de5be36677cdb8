import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { signInStaff } from './helpers/staff.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';

type Area = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
type Position = [number, number];

const demoFile = (name: string) => path.join(REPO_ROOT, 'data', 'demo', name);
const demo = (name: string) => (JSON.parse(fs.readFileSync(demoFile(`${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection<Area['geometry']>).features;
const expectedClasses = JSON.parse(fs.readFileSync(demoFile('expected-patch-classes.json'), 'utf8')) as Record<string, string>;
const demoPatches = demo('change_patches');
const rights = demo('mining_rights');
const explorationRights = demo('exploration_rights');
const right = (serial: string) => rights.find((f) => String(f.properties!.licenceNo).endsWith(serial))!;
const patch = (code: string) => demoPatches.find((f) => f.properties!.code === code)!;
const SLIVER_M2 = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'rulesets', 'zhengning-2021.json'), 'utf8')).sliverToleranceM2 as number;

const round7 = (p: number[]) => p.map((v) => Number(v.toFixed(7))) as Position;
const move = (p: Position, metres: number, bearing: number) => round7(turf.destination(p, metres / 1000, bearing, { units: 'kilometers' }).geometry.coordinates);

/** A closed square of half-side `halfM` metres around `centre`. */
function square(centre: Position, halfM: number): GeoJSON.Polygon {
  const [w, s] = move(move(centre, halfM, 180), halfM, 270);
  const [e, n] = move(move(centre, halfM, 0), halfM, 90);
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/**
 * A 30 m deep strip along the middle 40 % of the first edge of right DEMO04 (a plain rotated
 * rectangle), inside it but pushed `outM` metres out across that edge.
 */
function alongEdge(outM: number): GeoJSON.Polygon {
  const outline = right('DEMO04').geometry as GeoJSON.Polygon;
  const [a, b] = outline.coordinates[0] as Position[];
  const bearing = turf.bearing(a, b);
  const mid = turf.midpoint(a, b).geometry.coordinates as Position;
  const outward = turf.booleanPointInPolygon(move(mid, 5, bearing + 90), outline) ? bearing - 90 : bearing + 90;
  const along = turf.distance(a, b, { units: 'meters' }) * 0.2;
  const [p1, p2] = [move(mid, along, bearing + 180), move(mid, along, bearing)].map((p) => move(p, outM, outward));
  const [p3, p4] = [p2, p1].map((p) => move(p, 30 + outM, outward + 180));
  return { type: 'Polygon', coordinates: [[p1, p4, p3, p2, p1]] };
}

/** The part of `geometry` outside `area`, in m² (spherical: the tests allow 2 %). */
const outsideM2 = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, area: Area) => {
  const rest = turf.difference(turf.featureCollection([turf.feature(geometry), area]));
  return rest ? turf.area(rest) : 0;
};

const feature = (code: string, geometry: object | null, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { code, ...extra },
  geometry,
});

interface Classified {
  type: 'Feature';
  id: number;
  geometry: GeoJSON.MultiPolygon;
  properties: {
    id: number;
    code: string;
    detectionRound: string;
    detectedOn: string;
    areaM2: number;
    classification: string;
    licenceNos: string[];
    outsideAreaM2?: number;
    zones?: { collection: string; featureId: number; name: string }[];
    landClasses?: { collection: string; featureId: number; name: string; overlapAreaM2: number }[];
    ledgerEntryId: number | null;
  };
}

describe.each(TEST_DATABASES)('change patches on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const get = async (url: string, who = 'planner1') => {
    const response = await t.app.inject({ url, headers: { cookie: cookies[who] } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().features as Classified[];
  };
  const load = (payload: object, who: string | null = 'inspector1', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/patches', payload, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const counts = async () => ({
    patches: Number((await t.db.knex('change_patches').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').where({ entity: 'change_patches' }).count({ n: '*' }))[0].n),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    Object.assign(cookies, await signInStaff(t));
  });
  afterAll(() => t?.close());
  const featureId = async (table: string, code: string) => Number((await t.db.knex(table).where({ code }).first('id')).id);

  it('puts every demo patch in its expected class, with the licences, zones and areas behind it', async () => {
    const features = await get('/api/patches');
    expect(features.map((f) => f.properties.code)).toEqual(Object.keys(expectedClasses).sort());
    for (const f of features) {
      const { code, classification, licenceNos, zones, outsideAreaM2, areaM2 } = f.properties;
      const source = patch(code);
      expect(classification, code).toBe(expectedClasses[code]);
      expect(f.id).toBe(f.properties.id);
      expect(f.properties).toMatchObject({ detectionRound: source.properties!.detectionRound, detectedOn: source.properties!.detectedOn, ledgerEntryId: null });
      expect(f.geometry).toEqual({ type: 'MultiPolygon', coordinates: [(source.geometry as GeoJSON.Polygon).coordinates] });
      expect(Math.abs(areaM2 - turf.area(source)) / areaM2).toBeLessThan(0.01);
      const licensing = classification === 'mining_under_exploration' ? explorationRights : rights;
      const meets = licensing.filter((r) => turf.booleanIntersects(r, source)).map((r) => r.properties!.licenceNo);
      if (['unlicensed', 'protected_zone', 'cover_mining'].includes(classification)) expect(licenceNos, code).toEqual([]);
      else expect(licenceNos, code).toEqual(meets);
      if (classification === 'protected_zone' || classification === 'cover_mining') expect(zones!.length, code).toBeGreaterThan(0);
      else expect(f.properties, code).not.toHaveProperty('zones');
      if (classification === 'out_of_bounds') {
        const expected = outsideM2(source.geometry, rights.find((r) => r.properties!.licenceNo === licenceNos[0])!);
        expect(Math.abs(outsideAreaM2! - expected) / expected, code).toBeLessThan(0.02);
        expect(outsideAreaM2!).toBeLessThan(areaM2);
      } else {
        expect(f.properties, code).not.toHaveProperty('outsideAreaM2');
      }
    }
    const redLine = features.find((f) => f.properties.code === 'WP2025-005')!;
    expect(redLine.properties.zones).toContainEqual(expect.objectContaining({ collection: 'eco_redline', name: demo('eco_redline')[0].properties!.name }));
  });

  it("finds one patch of each of seed 002's kin of unlicensed mining, naming the licence or parcel, and makes each a lead of its violation type", async () => {
    const features = await get('/api/patches');
    const of = (classification: string) => features.filter((f) => f.properties.classification === classification);
    const [underExploration] = of('mining_under_exploration');
    const [cover] = of('cover_mining');
    const [closed] = of('closed_then_mined');
    expect([underExploration, cover, closed].map((f) => f && of(f.properties.classification).length)).toEqual([1, 1, 1]);
    expect(underExploration.properties.licenceNos).toEqual([explorationRights[0].properties!.licenceNo]);
    const revoked = rights.find((r) => r.properties!.rightStatus === 'revoked')!;
    expect(closed.properties.licenceNos).toEqual([revoked.properties!.licenceNo]);
    const parcel = demo('restoration_parcels').find((p) => turf.booleanIntersects(p, patch(cover.properties.code)))!;
    expect(cover.properties.zones).toEqual([
      { collection: 'restoration_parcels', featureId: await featureId('restoration_parcels', parcel.properties!.code as string), name: parcel.properties!.name },
    ]);
    for (const [f, violationType] of [[underExploration, 'miningUnderExploration'], [cover, 'coverMining'], [closed, 'resumedAfterClosure']] as const) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/ledger',
        headers: { cookie: cookies.inspector1 },
        payload: { title: f.properties.code, source: 'patch', patchId: f.id, geometry: turf.centroid(patch(f.properties.code)).geometry, violationType },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ violationType, patchId: f.id });
    }
  });

  it('filters by detection round', async () => {
    const round = '2025年第四季度';
    const codes = demoPatches.filter((f) => f.properties!.detectionRound === round).map((f) => f.properties!.code);
    expect(codes.length).toBeGreaterThan(0);
    expect((await get(`/api/patches?round=${encodeURIComponent(round)}`)).map((f) => f.properties.code)).toEqual(codes.sort());
    expect(await get('/api/patches?round=2030')).toEqual([]);
  });

  it('shows patches to staff only and lets only inspectors and admins load them', async () => {
    expect((await t.app.inject({ url: '/api/patches' })).statusCode).toBe(401);
    expect((await load({ detectionRound: 'x' }, null)).statusCode).toBe(401);
    expect((await load({ detectionRound: 'x' }, 'planner1')).statusCode).toBe(403);
    expect((await get('/api/patches', 'inspector1')).length).toBe(demoPatches.length);
  });

  it('loads a round, audited, and answers it classified: a sliver over the boundary stays legal', async () => {
    const before = await counts();
    const sliver = alongEdge(0.08);
    const outside = alongEdge(3);
    const round = {
      detectionRound: '2026年第一季度',
      detectedOn: '2026-02-14',
      features: {
        type: 'FeatureCollection',
        features: [
          feature('WP2026-001', sliver, { landChange: '采场内新增挖损' }),
          feature('WP2026-002', outside),
          feature('WP2026-003', square(turf.centroid(patch('WP2025-003')).geometry.coordinates as Position, 15)),
          feature('WP2026-004', square(turf.centroid(patch('WP2025-005')).geometry.coordinates as Position, 15)),
          feature('WP2026-005', square(turf.centroid(patch('WP2025-004')).geometry.coordinates as Position, 10)),
        ],
      },
    };
    const response = await load(round);
    expect(response.statusCode, response.body).toBe(201);
    const loaded = response.json().features as Classified[];
    expect(loaded.map((f) => [f.properties.code, f.properties.classification])).toEqual([
      ['WP2026-001', 'legal'],
      ['WP2026-002', 'out_of_bounds'],
      ['WP2026-003', 'unlicensed'],
      ['WP2026-004', 'protected_zone'],
      ['WP2026-005', 'expired'],
    ]);
    expect(outsideM2(sliver, right('DEMO04'))).toBeGreaterThan(0);
    expect(outsideM2(sliver, right('DEMO04'))).toBeLessThan(SLIVER_M2);
    const expected = outsideM2(outside, right('DEMO04'));
    expect(Math.abs(loaded[1].properties.outsideAreaM2! - expected) / expected).toBeLessThan(0.02);
    expect(loaded[0].properties).toMatchObject({ detectionRound: '2026年第一季度', detectedOn: '2026-02-14', licenceNos: [right('DEMO04').properties!.licenceNo] });

    expect(await get(`/api/patches?round=${encodeURIComponent('2026年第一季度')}`)).toEqual(loaded);
    expect(await counts()).toEqual({ patches: before.patches + 5, audit: before.audit + 1 });
    const [entry] = await t.db.knex('audit_log').where({ entity: 'change_patches' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ action: 'load_round', entity_id: '2026年第一季度' });
    expect(entry.detail).toMatchObject({ count: 5, codes: ['WP2026-001', 'WP2026-002', 'WP2026-003', 'WP2026-004', 'WP2026-005'] });
    const stored = await t.db.knex('change_patches').where({ code: 'WP2026-001' }).first('land_change');
    expect(stored.land_change).toBe('采场内新增挖损');
  });

  it('names the forest land or grassland a doubtful patch occupies (002 非法占用林地、草地、湿地), with the overlap', async () => {
    const forest = demo('forest_land')[0];
    const grass = demo('grassland').find((f) => f.properties!.name === '北塬村坡草地（示范）')!;
    const onGrassAndPit = turf.intersect(turf.featureCollection([grass, right('DEMO05')]))!;
    const at = (area: GeoJSON.Feature) => turf.pointOnFeature(area).geometry.coordinates as Position;
    const response = await load({
      detectionRound: '2026年第二季度',
      detectedOn: '2026-05-10',
      features: { type: 'FeatureCollection', features: [feature('WP2026-101', square(at(forest), 15)), feature('WP2026-102', square(at(onGrassAndPit), 5))] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const [onForest, onGrass] = (response.json().features as Classified[]).map((f) => f.properties);
    expect(onForest).toMatchObject({
      classification: 'unlicensed',
      landClasses: [{ collection: 'forest_land', featureId: Number((await t.db.knex('protected_areas').where({ kind: 'forest_land', name: forest.properties!.name }).first('id')).id), name: forest.properties!.name }],
    });
    expect(onForest.landClasses![0].overlapAreaM2).toBeCloseTo(onForest.areaM2, 0);
    expect(onGrass).toMatchObject({ classification: 'expired', licenceNos: [right('DEMO05').properties!.licenceNo], landClasses: [{ collection: 'grassland', name: '北塬村坡草地（示范）' }] });
    // The demo's own patches keep 20 m off every land class: none names one.
    expect((await get('/api/patches')).filter((f) => f.properties.code.startsWith('WP2025') && f.properties.landClasses)).toEqual([]);
  });

  it('loads nothing when any feature is wrong, and names the feature', async () => {
    const before = await counts();
    const ok = (code: string) => feature(code, square(turf.centroid(patch('WP2025-003')).geometry.coordinates as Position, 10));
    const unclosed = square(turf.centroid(patch('WP2025-009')).geometry.coordinates as Position, 10);
    unclosed.coordinates[0][4] = [unclosed.coordinates[0][4][0] + 0.0001, unclosed.coordinates[0][4][1]];
    const body = (features: unknown[], extra: object = {}) => ({
      detectionRound: '2026年第二季度',
      detectedOn: '2026-05-01',
      features: { type: 'FeatureCollection', features },
      ...extra,
    });
    const cases: [object, number, string, RegExp][] = [
      [body([ok('A-1'), ok('A-2'), feature('A-3', unclosed)]), 400, 'ringNotClosed', /^feature 3 \(features\[2\], code A-3\): .*not closed/],
      [body([ok('A-1'), feature('A-2', { type: 'Point', coordinates: [108.4, 35.4] })]), 400, 'notAPolygon', /^feature 2 \(features\[1\], code A-2\)/],
      [body([ok('A-1'), feature('A-2', square([116.39, 39.91], 10))]), 400, 'outsideCounty', /^feature 2 .*outside the county/],
      [body([ok('A-1'), feature('A-2', null)]), 400, 'notAPolygon', /^feature 2/],
      [body([ok('A-1'), ok('A-2'), ok('A-1')]), 400, 'duplicatePatchCode', /A-1 occurs twice: features 1 and 3/],
      [body([ok('A-1'), ok('WP2025-001')]), 409, 'patchCodeExists', /WP2025-001/],
      [body([ok('A-1'), feature('', square([108.4, 35.4], 10))]), 400, 'badPatchCode', /^feature 2 \(features\[1\]\): properties.code/],
      [body([ok('A-1'), { type: 'Feature', geometry: square([108.4, 35.4], 10) }]), 400, 'badPatchCode', /^feature 2/],
      [body([ok('A-1'), feature('A-2', square([108.4, 35.4], 10), { landChange: 42 })]), 400, 'badLandChange', /^feature 2/],
      [body([ok('A-1'), 'nonsense']), 400, 'notAFeature', /^feature 2 \(features\[1\]\): expected a GeoJSON Feature/],
      [body([]), 400, 'noPatches', /no patches/],
      [{ ...body([]), features: [ok('A-1')] }, 400, 'notAFeatureCollection', /FeatureCollection/],
      [body([ok('A-1')], { detectedOn: '2026-13-01' }), 400, 'invalidRequest', /detectedOn/],
      [body([ok('A-1')], { detectionRound: '' }), 400, 'invalidRequest', /detectionRound/],
      [body([ok('A-1')], { extra: true }), 400, 'invalidRequest', /./],
    ];
    for (const [payload, status, code, message] of cases) {
      const response = await load(payload, 'inspector1', { 'accept-language': 'en' });
      expect(response.statusCode, `${code}: ${response.body}`).toBe(status);
      expect(response.json().code).toBe(code);
      expect(response.json().message).toMatch(message);
    }
    const zh = await load(body([ok('A-1'), ok('WP2025-001')]));
    expect(zh.json().message).toMatch(/图斑编号已存在.*WP2025-001/);
    expect(await counts()).toEqual(before);
    expect(Number((await t.db.knex('change_patches').where('code', 'like', 'A-%').count({ n: '*' }))[0].n)).toBe(0);
  });

  it('reports the ledger entry made from a patch', async () => {
    const leads = async () => (await get('/api/patches')).filter((f) => f.properties.ledgerEntryId !== null).length;
    const before = await leads();
    const target = (await get('/api/patches')).find((f) => f.properties.code === 'WP2025-003')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/ledger',
      headers: { cookie: cookies.inspector1 },
      payload: {
        title: '无证开采：WP2025-003',
        source: 'patch',
        patchId: target.id,
        geometry: turf.centroid(patch('WP2025-003')).geometry,
        violationType: 'noLicence',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = (await get('/api/patches')).find((f) => f.properties.code === 'WP2025-003')!;
    expect(after.properties.ledgerEntryId).toBe(created.json().id);
    expect(await leads()).toBe(before + 1);
  });

  it('classifies on the fly from the rights as they stand: a suspended licence licenses nothing, a lapsed one is expired', async () => {
    const suspended = right('DEMO04').properties!.licenceNo as string;
    const lapsed = right('DEMO02').properties!.licenceNo as string;
    try {
      await t.db.knex('mining_rights').where({ licence_no: suspended }).update({ right_status: 'suspended' });
      await t.db.knex('mining_rights').where({ licence_no: lapsed }).update({ valid_to: '2025-01-31' });
      const byCode = new Map((await get('/api/patches')).map((f) => [f.properties.code, f.properties]));
      expect(byCode.get('WP2025-006')).toMatchObject({ classification: 'unlicensed', licenceNos: [suspended] });
      expect(byCode.get('WP2025-002')).toMatchObject({ classification: 'expired', licenceNos: [lapsed] });
      expect(byCode.get('WP2025-002')).not.toHaveProperty('outsideAreaM2');
    } finally {
      await t.db.knex('mining_rights').where({ licence_no: suspended }).update({ right_status: 'active' });
      await t.db.knex('mining_rights').where({ licence_no: lapsed }).update({ valid_to: right('DEMO02').properties!.validTo });
    }
    const byCode = new Map((await get('/api/patches')).map((f) => [f.properties.code, f.properties.classification]));
    expect(byCode.get('WP2025-006')).toBe('legal');
    expect(byCode.get('WP2025-002')).toBe('out_of_bounds');
  });
});
