import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { signInStaff, square } from './helpers/staff.ts';
import { tileAt, tileFeatures } from './helpers/tiles.ts';

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;
const centre = turf.centroid(demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!).geometry.coordinates;
const EN = { 'accept-language': 'en' };
const today = chinaToday();

/** A new brick-clay mine on the demo block, as the admin registers it. */
const newMine = (licenceNo: string, extra: object = {}) => ({
  collection: 'mining_rights',
  licenceNo,
  mineName: '测试砖厂',
  holder: '测试建材有限公司',
  mineral: 'brickClay',
  miningMethod: 'openPit',
  scaleClass: 'small',
  capacity10ktPerYear: 6,
  validFrom: '2020-03-01',
  validTo: '2025-03-01',
  documentNo: '宁自然资矿字〔2020〕3号',
  effectiveOn: '2020-03-01',
  geometry: square(centre, 60),
  ...extra,
});

describe.each(TEST_DATABASES)('licence register on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST', url: string, who: keyof typeof cookies = 'admin', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie: cookies[who], ...headers } });
  const counts = async () => ({
    events: Number((await t.db.knex('licence_events').count({ n: '*' }))[0].n),
    rights: Number((await t.db.knex('mining_rights').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').count({ n: '*' }))[0].n),
  });
  const register = async (body: object) => {
    const answer = await call('POST', '/api/licences', 'admin', body);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };
  const act = (collection: string, id: number, body: object, headers = {}) => call('POST', `/api/licences/${collection}/${id}/events`, 'admin', body, headers);
  const find = async (q: string, asOf?: string) => {
    const answer = await call('GET', `/api/licences?q=${encodeURIComponent(q)}${asOf ? `&asOf=${asOf}` : ''}`, 'inspector1');
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().licences as { licenceNo: string; state: string; validTo: string; status: string; version: number; bbox: number[] }[];
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('lists every demo right with its history from the first valid day, searchable and filterable', async () => {
    const all = (await (await call('GET', '/api/licences', 'planner1')).json()).licences as { collection: string; licenceNo: string; featureId: number; validFrom: string; township: unknown; version: number }[];
    const counted = Number((await t.db.knex('mining_rights').count({ n: '*' }))[0].n) + Number((await t.db.knex('exploration_rights').count({ n: '*' }))[0].n);
    expect(all).toHaveLength(counted);
    expect(all.every((r) => r.version >= 1 && r.township !== null)).toBe(true);
    const first = all.find((r) => r.collection === 'mining_rights')!;
    expect((await find(first.licenceNo.slice(-6))).map((r) => r.licenceNo)).toContain(first.licenceNo);
    const detail = (await call('GET', `/api/licences/mining_rights/${first.featureId}`, 'inspector1')).json();
    expect(detail.events[0]).toMatchObject({ kind: 'imported', effectiveOn: first.validFrom, geometryVersion: 1 });
    const exploration = await call('GET', '/api/licences?collection=exploration_rights&state=valid', 'inspector1');
    expect(exploration.json().licences.every((r: { collection: string; state: string }) => r.collection === 'exploration_rights' && r.state === 'valid')).toBe(true);
    expect((await call('GET', '/api/licences?asOf=yesterday', 'inspector1')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/licences' })).statusCode).toBe(401);
  });

  it('registers a right, renews, changes its boundary, suspends, resumes and revokes it; the past stays askable', async () => {
    const created = await register(newMine('C6210002020037110000001'));
    expect(created).toMatchObject({ collection: 'mining_rights', version: 1, state: 'expired', openActs: ['renewed', 'changed', 'suspended', 'revoked'] });
    expect(created.events[0]).toMatchObject({ kind: 'registered', documentNo: '宁自然资矿字〔2020〕3号', recordedBy: '系统管理员', effectiveOn: '2020-03-01' });
    const { id } = created;

    const renewed = await act('mining_rights', id, { act: 'renewed', baseVersion: 1, validTo: '2030-03-01', documentNo: '宁自然资矿字〔2025〕8号', effectiveOn: '2025-02-01' });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ version: 2, state: 'valid', properties: { validTo: '2030-03-01', validFrom: '2020-03-01' } });
    expect(renewed.json().events[1].changes).toEqual([{ field: 'validTo', before: '2025-03-01', after: '2030-03-01' }]);

    const moved = await act('mining_rights', id, { act: 'changed', baseVersion: 2, geometry: square(centre, 90), holder: '新测试建材有限公司', documentNo: '宁自然资矿字〔2025〕9号', effectiveOn: '2025-06-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().boundaries.map((b: { geometryVersion: number }) => b.geometryVersion)).toEqual([1, 2]);
    expect(moved.json().boundaries[1].areaM2 / moved.json().boundaries[0].areaM2).toBeCloseTo(2.25, 2);
    expect(moved.json().events[2].changes.map((c: { field: string }) => c.field).sort()).toEqual(['geometry', 'holder']);

    const suspended = await act('mining_rights', id, { act: 'suspended', baseVersion: 3, documentNo: '停产通知〔2026〕1号', effectiveOn: '2026-01-05' });
    expect(suspended.json()).toMatchObject({ state: 'suspended', openActs: ['renewed', 'changed', 'resumed', 'revoked'] });
    const resumed = await act('mining_rights', id, { act: 'resumed', baseVersion: 4, documentNo: '复产通知〔2026〕2号', effectiveOn: '2026-03-01' });
    expect(resumed.json()).toMatchObject({ state: 'valid', properties: { rightStatus: 'active' } });
    const revoked = await act('mining_rights', id, { act: 'revoked', baseVersion: 5, documentNo: '注销〔2026〕5号', effectiveOn: '2026-06-01' });
    expect(revoked.json()).toMatchObject({ state: 'revoked', openActs: [], version: 6 });

    const asOf = async (day: string) => (await find('C6210002020037110000001', day))[0];
    expect(await asOf('2020-02-29')).toBeUndefined();
    expect(await asOf('2021-01-01')).toMatchObject({ state: 'valid', validTo: '2025-03-01' });
    expect(await asOf('2025-05-01')).toMatchObject({ state: 'valid', validTo: '2030-03-01' });
    expect((await asOf('2025-07-01')).bbox[2] - (await asOf('2025-05-01')).bbox[2]).toBeGreaterThan(0);
    expect(await asOf('2026-02-01')).toMatchObject({ state: 'suspended' });
    expect(await asOf('2026-04-01')).toMatchObject({ state: 'valid' });
    expect(await asOf(today)).toMatchObject({ state: 'revoked' });

    // The register's acts are in the audit log with the right before and after.
    const entries = await t.db.knex('audit_log').where({ entity: 'licence', entity_id: `mining_rights/${id}` }).orderBy('id');
    expect(entries.map((e) => e.action)).toEqual(['register', 'renewed', 'changed', 'suspended', 'resumed', 'revoked']);
    const detail = typeof entries[1].detail === 'string' ? JSON.parse(entries[1].detail) : entries[1].detail;
    expect([detail.before.validTo, detail.after.validTo]).toEqual(['2025-03-01', '2030-03-01']);
  });

  it('draws a right layer as it stood on a past day: TileJSON and tiles take asOf', async () => {
    const created = await register(newMine('C6210002020037110000019', { validTo: '2030-03-01' }));
    const moved = await act('mining_rights', created.id, {
      act: 'changed', baseVersion: 1, holder: '后来的建材有限公司', documentNo: '宁自然资矿字〔2025〕19号', effectiveOn: '2025-06-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const holderOn = async (asOf?: string) => {
      const tilejson = await call('GET', `/tiles/mining_rights.json${asOf ? `?asOf=${asOf}` : ''}`);
      expect(tilejson.statusCode, tilejson.body).toBe(200);
      const template: string = tilejson.json().tiles[0];
      expect(template.includes(`asOf=${asOf}`)).toBe(asOf !== undefined && asOf < today);
      const { z, x, y } = tileAt(centre, 14);
      const tile = await call('GET', new URL(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname + new URL(template).search);
      expect([200, 204], tile.body).toContain(tile.statusCode);
      return tileFeatures(tile.rawPayload, 'mining_rights').find((f) => f.id === created.id)?.properties.holder;
    };
    expect(await holderOn('2019-12-31')).toBeUndefined();
    expect(await holderOn('2025-05-31')).toBe('测试建材有限公司');
    expect(await holderOn('2025-06-01')).toBe('后来的建材有限公司');
    expect(await holderOn()).toBe('后来的建材有限公司');
    expect(await holderOn('2999-01-01')).toBe('后来的建材有限公司');

    // Only the right layers keep a history.
    const farmland = await call('GET', '/tiles/farmland/14/0/0.mvt?asOf=2020-01-01', 'admin', undefined, EN);
    expect(farmland.statusCode).toBe(400);
    expect(farmland.json()).toMatchObject({ code: 'asOfNotSupported', message: expect.stringContaining('only the mining and exploration right layers') });
    expect((await call('GET', '/tiles/mining_rights.json?asOf=yesterday')).statusCode).toBe(400);
  });

  it('the map, the site card and the indicators follow the register at once', async () => {
    const site = { type: 'Point', coordinates: [centre[0] + 0.00001, centre[1]] };
    const card = async () => (await call('POST', '/api/site-check', 'inspector1', { geometry: site })).json().rights as { licenceNo: string; state: string }[];
    const mines = async () => (await call('GET', '/api/indicators', 'planner1')).json().indicators.find((i: { id: string }) => i.id === 'mineCount.brickClay').value as number;
    const minesBefore = await mines();
    const overlapping = async () =>
      ((await call('POST', '/api/check', 'planner1', { geometry: square([centre[0] + 0.00001, centre[1]], 30), proposal: { mineral: 'brickClay', capacity10ktPerYear: 6, rightKind: 'new' } })).json().findings as { ruleId: string }[])
        .filter((f) => f.ruleId === 'existingMiningRight').length;
    const overlapsBefore = await overlapping();
    const created = await register(newMine('C6210002024017110000002', { validFrom: '2024-01-01', validTo: '2034-01-01', effectiveOn: '2024-01-01', geometry: square([centre[0] + 0.00001, centre[1]], 20) }));
    expect((await card()).find((r) => r.licenceNo === 'C6210002024017110000002')).toMatchObject({ state: 'valid' });
    const items = await call('GET', `/ogc/collections/mining_rights/items/${created.id}`, 'inspector1');
    expect(items.statusCode, items.body).toBe(200);
    expect(await mines()).toBe(minesBefore + 1);
    expect(await overlapping()).toBe(overlapsBefore + 1);
    await act('mining_rights', created.id, { act: 'revoked', baseVersion: 1, documentNo: '注销〔2026〕6号' });
    expect((await card()).find((r) => r.licenceNo === 'C6210002024017110000002')).toMatchObject({ state: 'revoked' });
    expect(await mines()).toBe(minesBefore);
    expect(await overlapping()).toBe(overlapsBefore);
  });

  it('registers an approved proposal as a licence in one step, and marks the proposal', async () => {
    const planner = cookies.planner1;
    const proposal = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: { cookie: planner },
      payload: { name: '登记测试方案', geometry: square([centre[0] - 0.002, centre[1]], 40), proposal: { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new', holder: '方案建材公司' } },
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const { id, revision } = proposal.json();
    const submitted = await t.app.inject({ method: 'POST', url: `/api/proposals/${id}/submit`, headers: { cookie: planner }, payload: { baseRevision: revision } });
    const approved = await call('POST', `/api/proposals/${id}/approve`, 'admin', { baseRevision: submitted.json().revision });
    expect(approved.statusCode, approved.body).toBe(200);
    const body = { collection: 'mining_rights', licenceNo: 'C6210002026127110000003', validFrom: today, validTo: '2036-12-01', miningMethod: 'openPit', scaleClass: 'small', documentNo: '宁自然资矿字〔2026〕12号', proposalId: id, proposalRevision: approved.json().revision };
    const before = await counts();
    const early = await call('POST', '/api/licences', 'admin', { ...body, proposalRevision: revision });
    expect(early.statusCode, early.body).toBe(409);
    expect(await counts()).toEqual(before);
    const licence = await register(body);
    expect(licence.properties).toMatchObject({ mineral: 'brickClay', capacity10ktPerYear: 13, holder: '方案建材公司', mineName: '登记测试方案', scaleClass: 'small' });
    expect(turf.area(licence.geometry)).toBeCloseTo(turf.area(square([centre[0] - 0.002, centre[1]], 40)), -1);
    const after = (await call('GET', `/api/proposals/${id}`, 'admin')).json();
    expect(after).toMatchObject({ status: 'licensed', grantedLicenceNo: 'C6210002026127110000003' });
    const again = await call('POST', '/api/licences', 'admin', { ...body, licenceNo: 'C6210002026127110000004', proposalRevision: after.revision });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('refuses bad input and stale versions with a named 4xx, writing nothing', async () => {
    const { id } = await register(newMine('C6210002020037110000009', { geometry: square([centre[0] + 0.004, centre[1]], 30) }));
    const before = await counts();
    const refusals: [object, number, string][] = [
      [{ act: 'renewed', baseVersion: 1, validTo: '2024-01-01', documentNo: 'x' }, 400, 'renewalNotLater'],
      [{ act: 'renewed', baseVersion: 1, validFrom: '2031-01-01', validTo: '2030-01-01', documentNo: 'x' }, 400, 'validityReversed'],
      [{ act: 'renewed', baseVersion: 1, validTo: '2031-01-01', documentNo: 'x', effectiveOn: '2019-01-01' }, 400, 'effectiveBeforeLatest'],
      [{ act: 'renewed', baseVersion: 1, validTo: '2031-01-01', documentNo: 'x', effectiveOn: '2999-01-01' }, 400, 'effectiveInFuture'],
      [{ act: 'renewed', baseVersion: 1, validTo: '2031-01-01', holder: '某人', documentNo: 'x' }, 400, 'fieldNotForAct'],
      [{ act: 'changed', baseVersion: 1, holder: '测试建材有限公司', documentNo: 'x' }, 400, 'nothingChanged'],
      [{ act: 'changed', baseVersion: 1, holder: '长'.repeat(10_000), documentNo: 'x' }, 400, 'invalidRequest'],
      [{ act: 'changed', baseVersion: 1, geometry: { type: 'Polygon', coordinates: [[[centre[0], centre[1]], [centre[0] + 0.001, centre[1] + 0.001], [centre[0] + 0.001, centre[1]], [centre[0], centre[1] + 0.001], [centre[0], centre[1]]]] }, documentNo: 'x' }, 400, 'selfIntersection'],
      [{ act: 'changed', baseVersion: 1, geometry: square([centre[0], centre[1] - 1.5], 100), documentNo: 'x' }, 400, 'outsideCounty'],
      [{ act: 'resumed', baseVersion: 1, documentNo: 'x' }, 409, 'licenceActNotAllowed'],
      [{ act: 'revoked', baseVersion: 1, documentNo: '' }, 400, 'invalidRequest'],
      [{ act: 'annulled', baseVersion: 1, documentNo: 'x' }, 400, 'invalidRequest'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await act('mining_rights', id, body);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(body).slice(0, 120)}: ${answer.body}`).toEqual([status, code]);
    }
    const duplicate = await call('POST', '/api/licences', 'admin', newMine('C6210002020037110000009'));
    expect([duplicate.statusCode, duplicate.json().code]).toEqual([409, 'licenceNoTaken']);
    const reversed = await call('POST', '/api/licences', 'admin', newMine('C6210002020037110000010', { validTo: '2019-01-01' }));
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'validityReversed']);
    const missing = await call('POST', '/api/licences', 'admin', { ...newMine('C6210002020037110000011'), miningMethod: undefined }, EN);
    expect([missing.statusCode, missing.json().message]).toEqual([400, '"Mining method" is required; nothing was saved.']);
    const noBoundary = await call('POST', '/api/licences', 'admin', { ...newMine('C6210002020037110000012'), geometry: undefined });
    expect([noBoundary.statusCode, noBoundary.json().code]).toEqual([400, 'boundaryNeeded']);
    // A boundary drawn on the map (新立 from a drawing) is refused as a 变更's is: crossed, or outside the county.
    const bowtie = { type: 'Polygon', coordinates: [[[centre[0], centre[1]], [centre[0] + 0.001, centre[1] + 0.001], [centre[0] + 0.001, centre[1]], [centre[0], centre[1] + 0.001], [centre[0], centre[1]]]] };
    for (const [geometry, code] of [[bowtie, 'selfIntersection'], [square([centre[0], centre[1] - 1.5], 100), 'outsideCounty']] as const) {
      const drawn = await call('POST', '/api/licences', 'admin', newMine('C6210002020037110000014', { geometry }));
      expect([drawn.statusCode, drawn.json().code]).toEqual([400, code]);
    }
    const exploration = (await call('GET', '/api/licences?collection=exploration_rights', 'admin')).json().licences[0];
    const suspendExploration = await act('exploration_rights', exploration.featureId, { act: 'suspended', baseVersion: exploration.version, documentNo: 'x' });
    expect([suspendExploration.statusCode, suspendExploration.json().code]).toEqual([400, 'actNotForRegister']);
    expect((await call('POST', '/api/licences', 'planner1', newMine('C6210002020037110000013'))).statusCode).toBe(403);
    expect((await act('mining_rights', 999_999, { act: 'revoked', baseVersion: 1, documentNo: 'x' })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);

    // A stale version: another admin renewed it meanwhile; the 409 names who and when.
    expect((await act('mining_rights', id, { act: 'renewed', baseVersion: 1, validTo: '2031-01-01', documentNo: 'y' })).statusCode).toBe(200);
    const afterRenewal = await counts();
    const stale = await act('mining_rights', id, { act: 'revoked', baseVersion: 1, documentNo: 'z' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'versionConflict']);
    expect(stale.json().message).toMatch(/采矿权 C6210002020037110000009已由 系统管理员 于 .*保存为第 2 版/);
    expect(await counts()).toEqual(afterRenewal);
  });
});
