import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { cornerListFromGeoJson, formatPlainTable, zoneForLongitude } from '@mpm/geo';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { square, staffPassword } from './helpers/staff.ts';

type Polygon = GeoJSON.Polygon;

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
const planningBlock = demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!;
const centre = turf.centroid(planningBlock).geometry.coordinates;
const block = square(centre, 50);
const biggerBlock = square(centre, 70);

describe.each(TEST_DATABASES)('proposals on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const create = (who: string, body: object) => call('POST', '/api/proposals', who, body);
  const counts = async () => ({
    proposals: Number((await t.db.knex('proposals').count({ n: '*' }))[0].n),
    versions: Number((await t.db.knex('proposal_versions').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').where({ entity: 'proposal' }).count({ n: '*' }))[0].n),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies.admin = await t.login();
    for (const [username, displayName, role] of [
      ['planner1', '规划员甲', 'planner'],
      ['planner2', '规划员乙', 'planner'],
      ['inspector1', '巡查员丙', 'inspector'],
    ]) {
      const password = staffPassword(username);
      const created = await call('POST', '/api/users', 'admin', { username, displayName, role, password });
      expect(created.statusCode, created.body).toBe(201);
      cookies[username] = await t.login(username, password);
    }
  });
  afterAll(() => t?.close());

  it('creates version 1 from a drawn block and reads it back, in the list and in the audit log', async () => {
    const created = await create('planner1', { name: '党家村粘土矿拟设区', geometry: block, proposal: clay, note: '首次保存' });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: '党家村粘土矿拟设区', version: 1, currentVersion: 1, proposal: clay, note: '首次保存' });
    expect(body).toMatchObject({ cornerListText: null, rulesetId: 'zhengning-2021', createdBy: '规划员甲' });
    expect(body.worstOutcome === null || body.worstOutcome !== 'forbidden').toBe(true);
    expect(body.geometry.type).toBe('MultiPolygon');
    expect(body.geometry.coordinates[0]).toEqual(block.coordinates);
    expect(body.areaKm2).toBe(Math.round(body.areaM2 / 100) / 1e4);

    expect(body).toMatchObject({ status: 'draft', revision: 1, ownerName: '规划员甲', grantedLicenceNo: null, allowedSteps: ['submit', 'delete'] });
    const read = await call('GET', `/api/proposals/${body.id}`, 'inspector1');
    expect(read.statusCode).toBe(200);
    // The same proposal; the steps offered are the caller's (an inspector takes none).
    expect(read.json()).toEqual({ ...body, allowedSteps: [] });

    const list = (await call('GET', '/api/proposals', 'planner2')).json();
    expect(list.proposals.find((p: { id: number }) => p.id === body.id)).toEqual({
      id: body.id,
      name: '党家村粘土矿拟设区',
      currentVersion: 1,
      mineral: 'brickClay',
      areaKm2: body.areaKm2,
      worstOutcome: body.worstOutcome,
      updatedBy: '规划员甲',
      updatedAt: body.createdAt,
      status: 'draft',
      revision: 1,
      ownerId: body.ownerId,
      ownerName: '规划员甲',
      grantedLicenceNo: null,
      changedAt: body.createdAt,
    });
    const audit = await t.db.knex('audit_log').where({ entity: 'proposal', entity_id: String(body.id) });
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('keeps a pasted corner list verbatim and stores the block as parsed', async () => {
    const zone = zoneForLongitude(centre[0]);
    if (!zone.ok) throw new Error('no zone');
    const list = cornerListFromGeoJson(block, zone.value);
    if (!list.ok) throw new Error('no corner list');
    const text = formatPlainTable(list.value);
    const created = await create('admin', { name: '拐点录入方案', cornerList: { text }, proposal: clay });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().cornerListText).toBe(text);
    expect(created.json().cornerListZone).toBeNull();
    expect(Math.abs(created.json().areaM2 - turf.area(block))).toBeLessThan(turf.area(block) * 0.003);
  });

  it('adds versions on top of the current one and keeps every old version readable', async () => {
    const { id } = (await create('planner1', { name: '扩界前', geometry: block, proposal: clay })).json();
    const saved = await call('PUT', `/api/proposals/${id}`, 'planner2', {
      baseVersion: 1,
      name: '扩界后',
      geometry: biggerBlock,
      proposal: { ...clay, capacity10ktPerYear: 20 },
      note: '扩大范围',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ id, name: '扩界后', version: 2, currentVersion: 2, createdBy: '规划员乙', note: '扩大范围' });

    const history = (await call('GET', `/api/proposals/${id}/versions`, 'inspector1')).json();
    expect(history.name).toBe('扩界后');
    expect(history.versions.map((v: { version: number; createdBy: string }) => [v.version, v.createdBy])).toEqual([
      [1, '规划员甲'],
      [2, '规划员乙'],
    ]);
    expect(history.versions[1].areaKm2).toBeGreaterThan(history.versions[0].areaKm2);

    const first = (await call('GET', `/api/proposals/${id}/versions/1`, 'inspector1')).json();
    expect(first).toMatchObject({ version: 1, currentVersion: 2, proposal: clay });
    expect(first.geometry.coordinates[0]).toEqual(block.coordinates);
    expect((await call('GET', `/api/proposals/${id}`, 'inspector1')).json().version).toBe(2);
    expect((await call('GET', `/api/proposals/${id}/versions/3`, 'inspector1')).statusCode).toBe(404);
    expect((await call('GET', '/api/proposals/999999', 'inspector1')).json().code).toBe('proposalNotFound');
  });

  it('refuses the second of two saves from the same base version with 409, writing nothing', async () => {
    const { id } = (await create('planner1', { name: '并发编辑', geometry: block, proposal: clay })).json();
    const save = (who: string, capacity: number, lang = 'zh-CN') =>
      call('PUT', `/api/proposals/${id}`, who, { baseVersion: 1, geometry: block, proposal: { ...clay, capacity10ktPerYear: capacity } }, {
        'accept-language': lang,
      });
    expect((await save('planner1', 14)).statusCode).toBe(200);
    const before = await counts();

    const stale = await save('planner2', 15);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('versionConflict');
    expect(stale.json().message).toMatch(/规划员甲.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*第 2 版.*第 1 版/);
    const english = await save('planner2', 15, 'en');
    expect(english.json().message).toMatch(/saved as version 2 by 规划员甲 at \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*version 1/);

    expect(await counts()).toEqual(before);
    const current = (await call('GET', `/api/proposals/${id}`, 'planner2')).json();
    expect(current).toMatchObject({ version: 2, proposal: { capacity10ktPerYear: 14 } });
  });

  it('lets exactly one of two simultaneous saves from the same base version through', async () => {
    const { id } = (await create('planner1', { name: '同时保存', geometry: block, proposal: clay })).json();
    const before = await counts();
    const save = (who: string) => call('PUT', `/api/proposals/${id}`, who, { baseVersion: 1, geometry: biggerBlock, proposal: clay });
    const answers = await Promise.all([save('planner1'), save('planner2')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await counts()).toEqual({ ...before, versions: before.versions + 1, audit: before.audit + 1 });
    expect((await call('GET', `/api/proposals/${id}/versions`, 'admin')).json().versions).toHaveLength(2);
  });

  // PostgreSQL runs the two saves on two connections: hold the row so both wait at the same
  // moment, then let them race. (PGlite has one connection: saves never interleave there.)
  it.runIf(kind === 'postgres')('decides saves that meet at the row lock one after the other', async () => {
    const { id } = (await create('planner1', { name: '行锁', geometry: block, proposal: clay })).json();
    const before = await counts();
    const save = (who: string) => call('PUT', `/api/proposals/${id}`, who, { baseVersion: 1, geometry: biggerBlock, proposal: clay });
    let pending: Promise<{ statusCode: number }[]> | undefined;
    await t.db.knex.transaction(async (trx) => {
      await trx('proposals').where({ id }).forUpdate().first('id');
      pending = Promise.all([save('planner1'), save('planner2')]);
      const waiting = async () =>
        Number(
          (await t.db.knex.raw(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))
            .rows[0].n,
        );
      for (let i = 0; i < 200 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBe(2);
    });
    const answers = await pending!;
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await counts()).toEqual({ ...before, versions: before.versions + 1, audit: before.audit + 1 });
  });

  it('lets inspectors read but not write, and anonymous callers nothing', async () => {
    const { id } = (await create('admin', { name: '权限检查', geometry: block, proposal: clay })).json();
    const body = { name: 'x', geometry: block, proposal: clay };
    for (const url of ['/api/proposals', `/api/proposals/${id}`, `/api/proposals/${id}/versions`, `/api/proposals/${id}/versions/1`]) {
      expect((await call('GET', url)).statusCode, url).toBe(401);
      expect((await call('GET', url, 'inspector1')).statusCode, url).toBe(200);
    }
    const before = await counts();
    expect((await create('', body)).statusCode).toBe(401);
    expect((await create('inspector1', body)).statusCode).toBe(403);
    // Roles are checked before the body: an inspector learns nothing from a 400.
    expect((await create('inspector1', { bogus: true })).statusCode).toBe(403);
    expect((await call('PUT', `/api/proposals/${id}`, 'inspector1', { ...body, baseVersion: 1 })).statusCode).toBe(403);
    expect((await call('PUT', `/api/proposals/${id}`, undefined, { ...body, baseVersion: 1 })).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('answers 400 for a bad block exactly as /api/check does, and writes nothing', async () => {
    const { id } = (await create('planner1', { name: '坏几何', geometry: block, proposal: clay })).json();
    const before = await counts();
    const [[a, b, c]] = block.coordinates;
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[a, c, b, block.coordinates[0][3], a]] };
    const unclosed: Polygon = { type: 'Polygon', coordinates: [block.coordinates[0].slice(0, 4)] };
    for (const geometry of [bowTie, unclosed]) {
      const checked = await call('POST', '/api/check', 'planner1', { geometry, proposal: clay });
      expect(checked.statusCode).toBe(400);
      const created = await create('planner1', { name: '坏', geometry, proposal: clay });
      expect(created.statusCode).toBe(400);
      expect(created.json()).toEqual(checked.json());
      const saved = await call('PUT', `/api/proposals/${id}`, 'planner1', { baseVersion: 1, geometry, proposal: clay });
      expect(saved.json()).toEqual(checked.json());
    }
    const both = await create('planner1', { name: '坏', geometry: block, cornerList: { text: '1,2,3' }, proposal: clay });
    expect(both.statusCode).toBe(400);
    const badList = await create('planner1', { name: '坏', cornerList: { text: '点号 X Y\n1 abc def' }, proposal: clay });
    expect(badList.statusCode).toBe(400);
    expect((await create('planner1', { name: '', geometry: block, proposal: clay })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('never changes or deletes a stored version, even by SQL', async () => {
    const { id } = (await create('planner1', { name: '不可改', geometry: block, proposal: clay })).json();
    await expect(t.db.knex('proposal_versions').where({ proposal_id: id }).update({ note: 'x' })).rejects.toThrow(/never changed/);
    await expect(t.db.knex('proposal_versions').where({ proposal_id: id }).delete()).rejects.toThrow(/never changed/);
  });
});
