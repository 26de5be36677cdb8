import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as parcelEventsMigration from '../src/db/migrations/016-parcel-events.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { postImport } from './helpers/imports.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

const township = demoTownships()[1];
const EN = { 'accept-language': 'en' };

/** A new parcel inside the second demo township, as the admin adds it. */
const newParcel = (code: string, extra: object = {}) => ({
  code,
  name: '测试废弃采场',
  mineCategory: 'abandoned',
  plannedYear: 2022,
  method: '人工促进天然更新',
  geometry: square(township.inside, 40),
  ...extra,
});

describe.each(TEST_DATABASES)('restoration parcel register on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: keyof typeof cookies | null = 'admin', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);
  const counts = async () => ({ parcels: await count('restoration_parcels'), events: await count('parcel_events'), audit: await count('audit_log') });
  const add = async (body: object) => {
    const answer = await call('POST', '/api/restoration/parcels', 'admin', body);
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json();
  };
  const ogcCodes = async () =>
    ((await call('GET', '/ogc/collections/restoration_parcels/items?limit=10000', null)).json().features as { properties: { code: string } }[]).map((f) => f.properties.code);

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('starts the history of the parcels already there as imported, at version 1, when migrated', async () => {
    await parcelEventsMigration.down(t.db.knex);
    expect(await t.db.knex.schema.hasTable('parcel_events')).toBe(false);
    await parcelEventsMigration.up(t.db.knex);
    const register = await call('GET', '/api/restoration/register', 'inspector1');
    expect(register.statusCode, register.body).toBe(200);
    const rows = register.json().parcels as { id: number; version: number; lifecycle: string }[];
    expect(rows.length).toBe(await count('restoration_parcels'));
    expect(rows.every((r) => r.version === 1 && r.lifecycle === 'current')).toBe(true);
    const detail = (await call('GET', `/api/restoration/parcels/${rows[0].id}`, 'planner1')).json();
    expect(detail.events).toMatchObject([{ kind: 'imported', recordedBy: null, geometryVersion: 1 }]);
    expect((await call('GET', '/api/restoration/register', null)).statusCode).toBe(401);
  });

  it('adds a parcel, its township taken from its boundary, on the map and in the register at once', async () => {
    const created = await add(newParcel('ZL2022-T01'));
    expect(created).toMatchObject({
      lifecycle: 'current',
      status: 'planned',
      version: 1,
      parents: [],
      successors: [],
      properties: { code: 'ZL2022-T01', townshipCode: township.code, township: township.name, plannedYear: 2022, miningRightId: null },
    });
    expect(created.areaMu).toBeCloseTo((80 * 80 * 15) / 10000, 1);
    expect(created.events).toMatchObject([{ kind: 'added', recordedBy: '系统管理员' }]);
    expect(await ogcCodes()).toContain('ZL2022-T01');
    const found = (await call('GET', '/api/restoration/register?q=t01', 'inspector1')).json().parcels;
    expect(found.map((r: { code: string }) => r.code)).toEqual(['ZL2022-T01']);
    const [entry] = await t.db.knex('audit_log').where({ entity: 'restoration_parcel', entity_id: String(created.id) });
    expect(entry).toMatchObject({ action: 'create' });

    const other = demoTownships()[3];
    const given = await add(newParcel('ZL2022-T02', { townshipCode: other.code, geometry: square(township.inside, 30) }));
    expect(given.properties.townshipCode).toBe(other.code);
  });

  it('edits attributes and boundary from the version seen; a stale version is a 409 naming who and when, writing nothing', async () => {
    const { id } = await add(newParcel('ZL2022-T03', { geometry: square([township.inside[0] + 0.003, township.inside[1]], 30) }));
    const renamed = await call('PATCH', `/api/restoration/parcels/${id}`, 'admin', { baseVersion: 1, name: '测试采场（改）', method: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ version: 2, properties: { name: '测试采场（改）', method: null } });
    expect(renamed.json().events[1].changes).toEqual([
      { field: 'name', before: '测试废弃采场', after: '测试采场（改）' },
      { field: 'method', before: '人工促进天然更新', after: null },
    ]);

    const grown = await call('PATCH', `/api/restoration/parcels/${id}`, 'admin', { baseVersion: 2, geometry: square([township.inside[0] + 0.003, township.inside[1]], 45) });
    expect(grown.statusCode, grown.body).toBe(200);
    expect(grown.json().events[2]).toMatchObject({ kind: 'edited', geometryVersion: 2, changes: [{ field: 'geometry', before: 1, after: 2 }] });
    expect(grown.json().areaM2 / renamed.json().areaM2).toBeCloseTo(2.25, 2);

    const before = await counts();
    const stale = await call('PATCH', `/api/restoration/parcels/${id}`, 'admin', { baseVersion: 2, plannedYear: 2021 });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'versionConflict' });
    expect(stale.json().message).toMatch(/恢复治理图斑 ZL2022-T03已由 系统管理员 于 \d{4}-\d\d-\d\d \d\d:\d\d.*第 3 版.*第 2 版/);
    expect(await counts()).toEqual(before);
    expect((await call('GET', `/api/restoration/parcels/${id}`, 'inspector1')).json()).toMatchObject({ version: 3, properties: { plannedYear: 2022 } });
  });

  it('refuses bad input with a 4xx naming the problem, writing nothing', async () => {
    const { id } = await add(newParcel('ZL2022-T04', { geometry: square([township.inside[0] - 0.003, township.inside[1]], 30) }));
    const [x, y] = township.inside;
    const bowtie = { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y + 0.001], [x + 0.001, y], [x, y + 0.001], [x, y]]] };
    const before = await counts();
    const additions: [object, number, string][] = [
      [newParcel('ZL2022-T05', { name: '长'.repeat(10_000) }), 400, 'invalidRequest'],
      [newParcel('ZL2022-T05', { name: '   ' }), 400, 'fieldRequired'],
      [newParcel('ZL2022-T05', { geometry: bowtie }), 400, 'selfIntersection'],
      [newParcel('ZL2022-T05', { geometry: square([x, y - 1.5], 100) }), 400, 'outsideCounty'],
      [newParcel('ZL2022-T05', { geometry: undefined }), 400, 'boundaryNeeded'],
      [newParcel('ZL2022-T05', { cornerList: { text: '1,3900000,36500000' } }), 400, 'boundaryNeeded'],
      [newParcel('ZL2022-T05', { townshipCode: '999999999' }), 400, 'unknownTownship'],
      [newParcel('ZL2022-T05', { miningRightId: 999_999 }), 400, 'unknownMiningRight'],
      [newParcel('ZL2022-T05', { plannedYear: 2035 }), 400, 'yearOutsidePlan'],
      [newParcel('ZL2022-T05', { mineCategory: 'quarry' }), 400, 'invalidRequest'],
      [newParcel('ZL2019-01'), 409, 'parcelCodeTaken'],
      [newParcel(' ZL2022-T04 '), 409, 'parcelCodeTaken'],
    ];
    for (const [body, status, code] of additions) {
      const answer = await call('POST', '/api/restoration/parcels', 'admin', body);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(body).slice(0, 100)}: ${answer.body.slice(0, 300)}`).toEqual([status, code]);
    }
    const edits: [object, number, string][] = [
      [{ baseVersion: 1, name: '测试废弃采场' }, 400, 'nothingChanged'],
      [{ baseVersion: 1, code: 'ZL2019-02' }, 409, 'parcelCodeTaken'],
      [{ baseVersion: 1, name: '' }, 400, 'invalidRequest'],
      [{ baseVersion: 1, geometry: bowtie }, 400, 'selfIntersection'],
      [{ name: 'x' }, 400, 'invalidRequest'],
      [{ baseVersion: 1, lifecycle: 'retired' }, 400, 'invalidRequest'],
    ];
    for (const [body, status, code] of edits) {
      const answer = await call('PATCH', `/api/restoration/parcels/${id}`, 'admin', body);
      expect([answer.statusCode, answer.json().code], `${JSON.stringify(body).slice(0, 100)}: ${answer.body.slice(0, 300)}`).toEqual([status, code]);
    }
    const english = await call('POST', '/api/restoration/parcels', 'admin', newParcel('ZL2019-01'), EN);
    expect(english.json().message).toBe('Parcel code ZL2019-01 is taken (a code is never reused, even after its parcel is retired); nothing was saved. Choose another code.');
    expect((await call('POST', '/api/restoration/parcels', 'inspector1', newParcel('ZL2022-T06'))).statusCode).toBe(403);
    expect((await call('PATCH', `/api/restoration/parcels/${id}`, 'planner1', { baseVersion: 1, name: 'x' })).statusCode).toBe(403);
    expect((await call('PATCH', '/api/restoration/parcels/999999', 'admin', { baseVersion: 1, name: 'x' })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('withdraws a parcel softly: off the map and the figures, kept with its records and history', async () => {
    const { id } = await add(newParcel('ZL2022-T07', { geometry: square([township.inside[0], township.inside[1] + 0.003], 30) }));
    const recorded = await call('POST', `/api/restoration/parcels/${id}/progress`, 'inspector1', { recordedOn: '2022-05-01', status: 'underWay', doneMu: 1 });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const summed = async () => (await call('GET', '/api/restoration/summary?asOf=2022-12-31', null)).json().rows.find((r: { year: number; categories: string[] }) => r.year === 2022 && r.categories.includes('abandoned'));
    const before = await summed();

    expect((await call('POST', `/api/restoration/parcels/${id}/retire`, 'admin', { baseVersion: 1, note: '  ' })).json().code).toBe('fieldRequired');
    const retired = await call('POST', `/api/restoration/parcels/${id}/retire`, 'admin', { baseVersion: 1, note: '重复录入' });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ lifecycle: 'retired', status: 'underWay', version: 2 });
    expect(retired.json().events[1]).toMatchObject({ kind: 'retired', note: '重复录入', changes: [{ field: 'lifecycle', before: 'current', after: 'retired' }] });

    expect(await t.db.knex('restoration_parcels').where({ id }).first('lifecycle')).toEqual({ lifecycle: 'retired' });
    expect(await ogcCodes()).not.toContain('ZL2022-T07');
    const after = await summed();
    expect(after.doneMu).toBeCloseTo(before.doneMu - 1, 2);
    expect(after.plannedMu).toBeCloseTo(before.plannedMu - retired.json().areaMu, 2);
    expect((await call('GET', '/api/restoration/register?q=T07', 'inspector1')).json().parcels).toEqual([]);
    expect((await call('GET', '/api/restoration/register?q=T07&lifecycle=all', 'inspector1')).json().parcels).toMatchObject([{ lifecycle: 'retired' }]);
    expect((await call('GET', `/api/restoration/parcels/${id}/progress`, 'inspector1')).json().records).toHaveLength(1);

    const again = await call('POST', `/api/restoration/parcels/${id}/progress`, 'inspector1', { recordedOn: '2022-06-01', status: 'completed', doneMu: 2 });
    expect([again.statusCode, again.json().code]).toEqual([409, 'parcelRetired']);
    const edit = await call('PATCH', `/api/restoration/parcels/${id}`, 'admin', { baseVersion: 2, name: '复活' });
    expect([edit.statusCode, edit.json().code]).toEqual([409, 'parcelRetired']);
    const reused = await call('POST', '/api/restoration/parcels', 'admin', newParcel('ZL2022-T07'));
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'parcelCodeTaken']);
    const { code: _code, geometry, ...properties } = newParcel('ZL2022-T07');
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'ZL2022-T07', ...properties }, geometry }] });
    const imported = await postImport(t.app, { layer: 'restoration_parcels', mode: 'upsert' }, { field: 'file', name: 'parcels.geojson', type: 'application/geo+json', bytes: Buffer.from(file) }, cookies.admin);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ committable: false, problems: [{ feature: 0, reason: 'parcelRetired' }] });
  });

  it('keeps the history whoever writes a parcel', async () => {
    const { id } = await add(newParcel('ZL2022-T08', { geometry: square([township.inside[0], township.inside[1] - 0.003], 30) }));
    await t.db.knex('restoration_parcels').where({ id }).update({ name: '导入改名' });
    const detail = (await call('GET', `/api/restoration/parcels/${id}`, 'inspector1')).json();
    expect(detail).toMatchObject({ version: 2, properties: { name: '导入改名' } });
    expect(detail.events[1]).toMatchObject({ kind: 'updated', recordedBy: null, changes: [{ field: 'name', after: '导入改名' }] });
    await expect(t.db.knex('parcel_events').where({ parcel_id: id }).delete()).rejects.toThrow(/never changed or deleted/);
  });
});
