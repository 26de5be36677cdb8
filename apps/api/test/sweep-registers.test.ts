import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/plugins/app/reports/china-time.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

const EN = { 'accept-language': 'en' };
const today = chinaToday();

describe.each(TEST_DATABASES)('sanction list and green-mine directory on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: keyof typeof cookies = 'admin', payload?: object, headers = {}) =>
    t.app.inject({ method, url, payload, headers: { cookie: cookies[who], ...headers } });
  const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);
  /** A demo mining right by the end of its licence number. */
  const right = async (suffix: string) => {
    const row = await t.db.knex('mining_rights').where('licence_no', 'like', `%${suffix}`).first('id', 'holder', 'licence_no');
    return row as { id: number; holder: string; licence_no: string };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t.close());

  it('refuses a sanction without a document number, with dates upside down or in the future: 400 named, nothing written', async () => {
    const before = { sanctions: await count('sanctions'), audit: await count('audit_log') };
    const base = { holder: '某某建材有限公司', reason: '未履行治理复垦义务', listedOn: '2025-03-01', documentNo: '宁自然资发〔2025〕9号' };
    const cases: [object, string, RegExp][] = [
      [{ ...base, documentNo: '   ' }, 'documentNoRequired', /document number/],
      [{ ...base, delistedOn: '2025-02-01', delistingReason: '整改到位' }, 'delistedBeforeListed', /2025-02-01.*precedes.*2025-03-01/],
      [{ ...base, listedOn: '2999-01-01' }, 'listedInFuture', /2999-01-01/],
      [{ ...base, delistedOn: '2025-06-01' }, 'delistingReasonRequired', /reason/],
      [{ ...base, reason: ' ' }, 'blankField', /Reason for listing/],
    ];
    for (const [body, code, message] of cases) {
      const answer = await call('POST', '/api/sanctions', 'admin', body, EN);
      expect([answer.statusCode, answer.json().code], answer.body).toEqual([400, code]);
      expect(answer.json().message).toMatch(message);
    }
    const missing = await call('POST', '/api/sanctions', 'admin', { holder: 'x', reason: 'y', listedOn: '2025-03-01' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/documentNo/);
    expect({ sanctions: await count('sanctions'), audit: await count('audit_log') }).toEqual(before);
  });

  it('lists, delists and audits a holder; only admins write; a stale version is a 409 naming who', async () => {
    const body = { holder: '某某建材有限公司', reason: '未履行治理复垦义务', listedOn: '2025-03-01', documentNo: '宁自然资发〔2025〕9号' };
    expect((await call('POST', '/api/sanctions', 'inspector1', body)).statusCode).toBe(403);
    const created = await call('POST', '/api/sanctions', 'admin', body);
    expect(created.statusCode, created.body).toBe(201);
    const listing = created.json();
    expect(listing).toMatchObject({ ...body, delistedOn: null, inForce: true, version: 1 });
    const delisted = await call('PUT', `/api/sanctions/${listing.id}`, 'admin', { ...body, delistedOn: today, delistingReason: '已完成整改', baseVersion: 1 });
    expect(delisted.statusCode, delisted.body).toBe(200);
    expect(delisted.json()).toMatchObject({ delistedOn: today, inForce: false, version: 2 });
    const stale = await call('PUT', `/api/sanctions/${listing.id}`, 'admin', { ...body, baseVersion: 1 }, EN);
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'versionConflict']);
    expect(stale.json().message).toMatch(/version 2/);
    const list = await call('GET', '/api/sanctions', 'inspector1');
    expect(list.json().sanctions.find((s: { id: number }) => s.id === listing.id)).toMatchObject({ inForce: false });
    const audit = await t.db.knex('audit_log').where({ entity: 'sanction', entity_id: String(listing.id) }).orderBy('id').select('action', 'detail');
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1].detail.before).toMatchObject({ delistedOn: null });
    expect(audit[1].detail.after).toMatchObject({ delistedOn: today, delistingReason: '已完成整改' });
  });

  it('keeps a green mine’s exits in the directory; a second open listing is a 409; dates upside down a 400', async () => {
    const clay = await right('DEMO02');
    const body = { miningRightId: clay.id, level: 'municipalLevel', listedOn: '2022-05-01', documentNo: '庆自然资发〔2022〕5号' };
    const created = await call('POST', '/api/green-mines', 'admin', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ licenceNo: clay.licence_no, level: 'municipalLevel', inForce: true });
    const twice = await call('POST', '/api/green-mines', 'admin', { ...body, level: 'provincialLevel', listedOn: '2024-01-01' }, EN);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'greenMineAlreadyListed']);
    const reversed = await call('PUT', `/api/green-mines/${created.json().id}`, 'admin', { ...body, delistedOn: '2021-01-01', delistingReason: '退出' }, EN);
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'delistedBeforeListed']);
    const unknown = await call('POST', '/api/green-mines', 'admin', { ...body, miningRightId: 99999 }, EN);
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'miningRightNotFound']);
    const exit = await call('PUT', `/api/green-mines/${created.json().id}`, 'admin', {
      ...body,
      delistedOn: '2025-06-30',
      delistingReason: '未按绿色矿山标准进行生产管理',
      baseVersion: 1,
    });
    expect(exit.statusCode, exit.body).toBe(200);
    const listings = (await call('GET', '/api/green-mines', 'planner1')).json().greenMines as { id: number; inForce: boolean; delistingReason: string }[];
    expect(listings.find((g) => g.id === created.json().id)).toMatchObject({ inForce: false, delistingReason: '未按绿色矿山标准进行生产管理' });
  });

  it('derives a mine’s 绿色矿山 flag from the directory alone: a listing and its exit show on the layer and move its revision', async () => {
    const pit = await right('DEMO04');
    const flags = async () => {
      const answer = await call('GET', '/ogc/collections/mining_rights/items?limit=100', 'inspector1');
      expect(answer.statusCode, answer.body).toBe(200);
      const features = answer.json().features as { properties: { licenceNo: string; greenMine: boolean } }[];
      return Object.fromEntries(features.map((f) => [f.properties.licenceNo.slice(-6), f.properties.greenMine]));
    };
    const revision = async () => BigInt((await t.db.knex('layer_data_revisions').where({ layer_id: 'mining_rights' }).first('revision')).revision);
    // The demo's coal mine left the provincial list on 2025-09-30; the 南庄村 pit is a municipal green mine.
    expect(await flags()).toMatchObject({ DEMO01: false, DEMO03: true, DEMO04: false });
    expect(await t.db.knex.schema.hasColumn('mining_rights', 'green_mine')).toBe(false);

    const before = await revision();
    const body = { miningRightId: pit.id, level: 'municipalLevel', listedOn: '2024-03-01', documentNo: '庆自然资发〔2024〕7号' };
    const listed = await call('POST', '/api/green-mines', 'admin', body);
    expect(listed.statusCode, listed.body).toBe(201);
    expect((await flags()).DEMO04).toBe(true);
    const afterListing = await revision();
    expect(afterListing > before).toBe(true);

    const exit = await call('PUT', `/api/green-mines/${listed.json().id}`, 'admin', { ...body, delistedOn: today, delistingReason: '未通过年度核查', baseVersion: 1 });
    expect(exit.statusCode, exit.body).toBe(200);
    expect((await flags()).DEMO04).toBe(false);
    expect((await revision()) > afterListing).toBe(true);

    // The register no longer takes the flag: the directory is where a mine becomes green.
    const change = await call('POST', `/api/licences/mining_rights/${pit.id}/events`, 'admin', { act: 'changed', baseVersion: 1, greenMine: true, documentNo: '宁变〔2026〕9号' }, EN);
    expect([change.statusCode, change.json().code], change.body).toEqual([400, 'invalidRequest']);
  });

  it('names a blank 文号 as missing, in the user’s language: 400, nothing written', async () => {
    const before = await count('sanctions');
    const answer = await call('POST', '/api/sanctions', 'admin', { holder: '某某建材有限公司', reason: '未履行治理复垦义务', listedOn: '2025-03-01', documentNo: '' });
    expect([answer.statusCode, answer.json().code]).toEqual([400, 'documentNoRequired']);
    expect(answer.json().message).toBe('异常名录记录缺少文号（列入决定的文件编号），本次未保存。');
    expect(await count('sanctions')).toBe(before);
  });

  it('refuses a new right, a renewal or a change for a listed holder, citing seed 004; nothing written', async () => {
    const clay = await right('DEMO03');
    const listed = await call('POST', '/api/sanctions', 'admin', { holder: clay.holder, reason: '未履行治理复垦义务', listedOn: '2025-01-10', documentNo: '宁自然资发〔2025〕1号' });
    expect(listed.statusCode, listed.body).toBe(201);
    const before = { events: await count('licence_events'), rights: await count('mining_rights') };
    const renewal = await call('POST', `/api/licences/mining_rights/${clay.id}/events`, 'admin', { act: 'renewed', baseVersion: 1, validTo: '2035-04-14', documentNo: '宁延〔2026〕1号' });
    expect([renewal.statusCode, renewal.json().code], renewal.body).toEqual([409, 'holderSanctioned']);
    expect(renewal.json().message).toMatch(/禁止.*正宁县矿产资源总体规划.*不得批准其申请新的采矿许可证或者采矿许可证延续、变更/);
    const change = await call('POST', `/api/licences/mining_rights/${clay.id}/events`, 'admin', { act: 'changed', baseVersion: 1, capacity10ktPerYear: 9, documentNo: '宁变〔2026〕1号' }, EN);
    expect([change.statusCode, change.json().code]).toEqual([409, 'holderSanctioned']);
    expect(change.json().message).toMatch(/Zhengning County Mineral Resources Master Plan/);
    const other = await right('DEMO02');
    const toListed = await call('POST', `/api/licences/mining_rights/${other.id}/events`, 'admin', { act: 'changed', baseVersion: 1, holder: ` ${clay.holder} `, documentNo: '宁变〔2026〕2号' });
    expect([toListed.statusCode, toListed.json().code]).toEqual([409, 'holderSanctioned']);
    const fresh = await call('POST', '/api/licences', 'admin', {
      collection: 'mining_rights',
      licenceNo: 'C621025TEST',
      mineName: '测试砖厂',
      holder: clay.holder,
      mineral: 'brickClay',
      miningMethod: 'openPit',
      scaleClass: 'small',
      capacity10ktPerYear: 9,
      validFrom: '2026-01-01',
      validTo: '2031-01-01',
      documentNo: '宁自然资矿字〔2026〕1号',
      geometry: square(demoTownships()[0].inside, 60),
    });
    expect([fresh.statusCode, fresh.json().code], fresh.body).toEqual([409, 'holderSanctioned']);
    expect({ events: await count('licence_events'), rights: await count('mining_rights') }).toEqual(before);
    // A holder not listed (or no longer) is served as before.
    const allowed = await call('POST', `/api/licences/mining_rights/${other.id}/events`, 'admin', { act: 'changed', baseVersion: 1, capacity10ktPerYear: 9, documentNo: '宁变〔2026〕3号' });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });
});
