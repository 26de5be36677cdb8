import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

const township = demoTownships()[2];
const EN = { 'accept-language': 'en' };
type Who = 'admin' | 'inspector1' | 'planner1' | 'data' | null;

/** A self-crossing quadrilateral (a bow tie) inside the county. */
const bowTie = (): GeoJSON.Polygon => {
  const [[w, s], [e], , [, n]] = square(township.inside, 60).coordinates[0];
  return { type: 'Polygon', coordinates: [[[w, s], [e, n], [e, s], [w, n], [w, s]]] };
};

describe.each(TEST_DATABASES)('editing the features of zones and protected areas (编辑要素) on %s', (kind) => {
  let t: TestApp;
  let cookies: Record<Exclude<Who, null>, string>;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Who = 'data', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);
  const counts = async () => ({ farmland: await count('protected_areas'), revisions: await count('layer_revisions'), audit: await count('audit_log') });
  const revisions = async (layer = 'farmland') => (await call('GET', `/api/layers/${layer}/revisions`)).json().revisions;
  const features = async (layer = 'farmland') => (await call('GET', `/api/layers/${layer}/features`)).json().features;
  const add = async (body: object, layer = 'farmland') => {
    const answer = await call('POST', `/api/layers/${layer}/features`, 'data', body);
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json();
  };
  const refused = async (answer: { statusCode: number; json(): { code: string; message: string } }, status: number, code: string) => {
    expect(answer.statusCode, JSON.stringify(answer.json())).toBe(status);
    expect(answer.json().code).toBe(code);
    return answer.json().message;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const staff = await signInStaff(t);
    const created = await call('POST', '/api/users', null, { username: 'datamanager', displayName: '数据管理员丁', role: 'dataManager', password: 'data-manager-password' }, { cookie: staff.admin });
    expect(created.statusCode, created.body).toBe(201);
    cookies = { ...staff, data: await t.login('datamanager', 'data-manager-password') };
  });
  afterAll(() => t?.close());

  it('lets data managers and admins import, edit and restore layers, and refuses planners and inspectors (403) and visitors (401)', async () => {
    const [first] = await features();
    const before = await counts();
    for (const who of ['planner1', 'inspector1', null] as const) {
      const status = who ? 403 : 401;
      expect((await call('GET', '/api/layers/farmland/features', who)).statusCode).toBe(status);
      expect((await call('POST', '/api/layers/farmland/features', who, { properties: { name: 'x' }, geometry: square(township.inside, 50) })).statusCode).toBe(status);
      expect((await call('PATCH', `/api/layers/farmland/features/${first.id}`, who, { baseVersion: first.version, properties: { name: 'x' } })).statusCode).toBe(status);
      expect((await call('DELETE', `/api/layers/farmland/features/${first.id}?baseVersion=${first.version}`, who)).statusCode).toBe(status);
      expect((await call('GET', '/api/layers/farmland/revisions', who)).statusCode).toBe(status);
      expect((await call('POST', '/api/layers/farmland/revisions/1/restore', who)).statusCode).toBe(status);
      expect((await call('POST', '/api/imports', who)).statusCode).toBe(status);
    }
    expect(await counts()).toEqual(before);
    expect((await call('GET', '/api/layers/farmland/revisions', 'data')).statusCode).toBe(200);
    expect((await call('GET', '/api/layers/farmland/features', 'admin')).statusCode).toBe(200);
    // An import reaches the data manager's preview (a 400 for the empty form, not a 403).
    expect((await call('POST', '/api/imports', 'data', undefined, { 'content-type': 'multipart/form-data; boundary=x' })).statusCode).not.toBe(403);
    // Nothing of user administration.
    expect((await call('GET', '/api/users', 'data')).statusCode).toBe(403);
    expect((await call('POST', '/api/users', 'data', { username: 'sneaky', displayName: 'x', role: 'admin', password: 'a-long-password' })).statusCode).toBe(403);
    // The farmland layer, not public, is the data manager's to see in full.
    const layers = (await call('GET', '/api/layers', 'data')).json().layers as { id: string }[];
    expect(layers.map((l) => l.id)).toContain('farmland');
  });

  it('adds a feature as a new revision of the layer, listed with who and what, on the map at once', async () => {
    const before = await counts();
    const created = await add({ properties: { name: '测试农田（编辑）', farmlandClass: 'cultivable' }, geometry: square(township.inside, 50) });
    expect(created.revision).toMatchObject({ kind: 'edit', by: '数据管理员丁', added: 1, changed: 0, removed: 0, edit: { action: 'add', name: '测试农田（编辑）' } });
    expect(created.feature).toMatchObject({ properties: { name: '测试农田（编辑）', farmlandClass: 'cultivable' }, version: created.revision.revision, updatedBy: '数据管理员丁' });
    expect(created.revision.edit.featureId).toBe(created.feature.id);
    expect(await counts()).toEqual({ farmland: before.farmland + 1, revisions: before.revisions + 1, audit: before.audit + 1 });
    expect((await revisions())[0]).toMatchObject({ revision: created.revision.revision, kind: 'edit' });
    const ogc = (await call('GET', `/ogc/collections/farmland/items/${created.feature.id}`, 'planner1')).json();
    expect(ogc.properties.name).toBe('测试农田（编辑）');
    expect(ogc.properties.areaMu).toBeGreaterThan(10);
    const audit = await t.db.knex('audit_log').orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ action: 'create', entity: 'layer', entity_id: 'farmland' });
  });

  it('changes attributes and the boundary from the version loaded; a stale version is a 409 naming who and when, nothing written', async () => {
    const created = await add({ properties: { name: '待改农田', farmlandClass: 'cultivable' }, geometry: square(township.inside, 30) });
    const id = created.feature.id;
    const renamed = await call('PATCH', `/api/layers/farmland/features/${id}`, 'data', { baseVersion: created.feature.version, properties: { name: '已改农田', farmlandClass: 'permanentBasic' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().revision).toMatchObject({ kind: 'edit', changed: 1, edit: { action: 'change', parts: ['attributes'], featureId: id, name: '已改农田' } });
    expect(renamed.json().feature.properties).toMatchObject({ name: '已改农田', farmlandClass: 'permanentBasic' });

    const before = await counts();
    const stale = await call('PATCH', `/api/layers/farmland/features/${id}`, 'admin', { baseVersion: created.feature.version, geometry: square(township.inside, 35) }, EN);
    const message = await refused(stale, 409, 'versionConflict');
    expect(message).toContain('数据管理员丁');
    expect(message).toContain(`version ${renamed.json().feature.version}`);
    expect(message).toMatch(/China time/);
    expect(await counts()).toEqual(before);

    const moved = await call('PATCH', `/api/layers/farmland/features/${id}`, 'admin', { baseVersion: renamed.json().feature.version, geometry: square(township.inside, 35) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().revision).toMatchObject({ by: expect.any(String), edit: { parts: ['geometry'] } });
    expect(moved.json().feature.geometry).toMatchObject({ type: 'MultiPolygon', coordinates: [square(township.inside, 35).coordinates] });

    // An edit of another feature does not make this one's version stale.
    const other = await add({ properties: { name: '邻近农田', farmlandClass: 'cultivable' }, geometry: square([township.inside[0] + 0.01, township.inside[1]], 30) });
    expect(other.feature.id).not.toBe(id);
    const again = await call('PATCH', `/api/layers/farmland/features/${id}`, 'data', { baseVersion: moved.json().feature.version, properties: { name: '再改农田' } });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('refuses a boundary that is invalid, self-intersecting or outside the county, never repairing it, and writes nothing', async () => {
    const [feature] = await features();
    const before = await counts();
    const patch = (geometry: unknown) => call('PATCH', `/api/layers/farmland/features/${feature.id}`, 'data', { baseVersion: feature.version, geometry }, EN);
    await refused(await patch(bowTie()), 400, 'selfIntersection');
    await refused(await patch({ type: 'Polygon', coordinates: [[[108.3, 35.4], [108.31, 35.4], [108.3, 35.4]]] }), 400, 'tooFewPositions');
    await refused(await patch({ type: 'LineString', coordinates: [[108.3, 35.4], [108.31, 35.41]] }), 400, 'notAPolygon');
    // Far outside the county (and its surroundings) and just outside it.
    await refused(await patch(square([116.4, 39.9], 50)), 400, 'outsideCounty');
    await refused(await call('POST', '/api/layers/farmland/features', 'data', { properties: { name: 'x' }, geometry: bowTie() }), 400, 'selfIntersection');
    expect(await counts()).toEqual(before);
    expect((await features()).find((f: { id: number }) => f.id === feature.id).geometry).toEqual(feature.geometry);
  });

  it('checks attributes against the catalogue’s fields, naming the field', async () => {
    const [feature] = await features();
    const before = await counts();
    const patch = (properties: object) => call('PATCH', `/api/layers/farmland/features/${feature.id}`, 'data', { baseVersion: feature.version, properties }, EN);
    expect(await refused(await patch({ colour: 'red' }), 400, 'unknownField')).toContain('colour');
    expect(await refused(await patch({ farmlandClass: 'orchard' }), 400, 'notAValue')).toContain('permanentBasic');
    await refused(await patch({ areaMu: 5 }), 400, 'computedField');
    await refused(await patch({ name: '田'.repeat(10_000) }), 400, 'textTooLong');
    await refused(await patch({ name: null }), 400, 'missingField');
    await refused(await patch({ name: 42 }), 400, 'notAValue');
    await refused(await call('PATCH', `/api/layers/farmland/features/${feature.id}`, 'data', { baseVersion: feature.version }), 400, 'nothingToChange');
    await refused(await call('POST', '/api/layers/farmland/features', 'data', { properties: { farmlandClass: 'cultivable' }, geometry: square(township.inside, 20) }), 400, 'missingField');
    // Numbers and whole numbers of a concentrated zone.
    const [zone] = await features('concentrated_zones');
    const zonePatch = (properties: object) => call('PATCH', `/api/layers/concentrated_zones/features/${zone.id}`, 'data', { baseVersion: zone.version, properties }, EN);
    await refused(await zonePatch({ existingRights: 2.5 }), 400, 'notAValue');
    await refused(await zonePatch({ mainMineral: 'unobtainium' }), 400, 'notAValue');
    expect(await counts()).toEqual(before);
    expect((await zonePatch({ existingRights: 3, resources10kt: 12.5 })).statusCode).toBe(200);
  });

  it('keeps codes unique, answers an unknown feature 404 and a layer kept elsewhere 400', async () => {
    // Mining and exploration blocks share one table, and their codes.
    const [a] = await features('mining_blocks');
    const [b] = await features('exploration_blocks');
    await refused(await call('PATCH', `/api/layers/mining_blocks/features/${a.id}`, 'data', { baseVersion: a.version, properties: { code: b.properties.code } }), 409, 'duplicateKey');
    await refused(await call('PATCH', '/api/layers/farmland/features/999999', 'data', { baseVersion: 0, properties: { name: 'x' } }), 404, 'featureNotFound');
    await refused(await call('GET', '/api/layers/mining_rights/features'), 400, 'layerNotEditable');
    await refused(await call('POST', '/api/layers/restoration_parcels/features', 'data', { properties: {}, geometry: square(township.inside, 20) }), 400, 'layerNotEditable');
    await refused(await call('GET', '/api/layers/nowhere/features'), 404, 'unknownCollection');
  });

  it('restores the layer as it stood before an edit, itself a revision, and deletes a feature from its version', async () => {
    const created = await add({ properties: { name: '恢复测试农田', farmlandClass: 'cultivable' }, geometry: square(township.inside, 25) });
    const original = created.feature.geometry;
    const moved = await call('PATCH', `/api/layers/farmland/features/${created.feature.id}`, 'data', { baseVersion: created.feature.version, geometry: square(township.inside, 45) });
    expect(moved.statusCode, moved.body).toBe(200);
    const edit = moved.json().revision.revision;
    const ids = async (layer = 'farmland') => (await features(layer)).map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b);
    const idsBefore = await ids();

    const restored = await call('POST', `/api/layers/farmland/revisions/${edit}/restore`, 'data');
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ kind: 'restore', restoredRevision: edit });
    const back = (await features()).find((f: { properties: { name: string } }) => f.properties.name === '恢复测试农田');
    expect(back.geometry).toEqual(original);
    expect(back.version).toBe(restored.json().revision);
    // Farmland has no key field: the restore puts every feature back under the id it had.
    expect(back.id).toBe(created.feature.id);
    expect(await ids()).toEqual(idsBefore);

    // The version loaded before the restore is stale now.
    await refused(await call('DELETE', `/api/layers/farmland/features/${back.id}?baseVersion=${created.feature.version}`), 409, 'versionConflict');
    const before = await counts();
    const deleted = await call('DELETE', `/api/layers/farmland/features/${back.id}?baseVersion=${back.version}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ feature: null, revision: { kind: 'edit', removed: 1, edit: { action: 'delete', featureId: back.id, name: '恢复测试农田' } } });
    expect(await counts()).toMatchObject({ farmland: before.farmland - 1, revisions: before.revisions + 1 });
    expect((await call('POST', `/api/layers/farmland/revisions/${deleted.json().revision.revision}/restore`)).statusCode).toBe(200);
    expect((await features()).find((f: { properties: { name: string } }) => f.properties.name === '恢复测试农田')?.id).toBe(back.id);
    expect(await ids()).toEqual(idsBefore);

    // A layer with a key (a block's code): a deleted block restored takes its id back too.
    const [block] = await features('mining_blocks');
    const blockIds = await ids('mining_blocks');
    const gone = await call('DELETE', `/api/layers/mining_blocks/features/${block.id}?baseVersion=${block.version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await call('POST', `/api/layers/mining_blocks/revisions/${gone.json().revision.revision}/restore`)).statusCode).toBe(200);
    expect(await ids('mining_blocks')).toEqual(blockIds);
  });

  it('keeps only the edited feature with each edit, and rebuilds the layer before an earlier edit for a restore', async () => {
    const kept = async (revision: number) => {
      const row = await t.db.knex('layer_revisions').where({ layer_id: 'farmland', revision }).first('before_features');
      return (typeof row.before_features === 'string' ? JSON.parse(row.before_features) : row.before_features) as { id: number }[];
    };
    const ids = async () => (await features()).map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b);
    const a = await add({ properties: { name: '重建甲', farmlandClass: 'cultivable' }, geometry: square(township.inside, 20) });
    const idsBefore = await ids();
    const first = await call('PATCH', `/api/layers/farmland/features/${a.feature.id}`, 'data', { baseVersion: a.feature.version, geometry: square(township.inside, 30) });
    expect(first.statusCode, first.body).toBe(200);
    const b = await add({ properties: { name: '重建乙', farmlandClass: 'cultivable' }, geometry: square(township.inside, 10) });
    const second = await call('PATCH', `/api/layers/farmland/features/${a.feature.id}`, 'data', { baseVersion: first.json().feature.version, properties: { name: '重建甲二' } });
    expect(second.statusCode, second.body).toBe(200);

    // An edit keeps its feature as it was (none for an addition), not the whole layer.
    expect((await kept(first.json().revision.revision)).map((f) => f.id)).toEqual([a.feature.id]);
    expect(await kept(b.revision.revision)).toEqual([]);
    expect((await kept(second.json().revision.revision)).map((f) => f.id)).toEqual([a.feature.id]);

    // Before the first of the three edits: 甲 as added, 乙 not yet there, every other feature as it stands.
    const restored = await call('POST', `/api/layers/farmland/revisions/${first.json().revision.revision}/restore`, 'data');
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await ids()).toEqual(idsBefore);
    const back = (await features()).find((f: { id: number }) => f.id === a.feature.id);
    expect(back).toMatchObject({ geometry: a.feature.geometry, properties: { name: '重建甲' } });
    expect((await features()).some((f: { id: number }) => f.id === b.feature.id)).toBe(false);
  });
});
