import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { REPO_ROOT } from '../src/config.ts';
import * as workflowMigration from '../src/db/migrations/011-proposal-workflow.ts';
import { markLicensed } from '../src/plugins/app/proposals/proposal-steps.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES, openEmptyDatabase } from './helpers/databases.ts';
import { square, staffPassword } from './helpers/staff.ts';

const demo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', `${name}.geojson`), 'utf8')) as GeoJSON.FeatureCollection;

const clay = { mineral: 'brickClay', capacity10ktPerYear: 13, rightKind: 'new' };
const centre = turf.centroid(demo('mining_blocks').features.find((f) => f.properties?.code === 'KC621025-01')!).geometry.coordinates;
const block = square(centre, 50);
const EN = { 'accept-language': 'en' };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe.each(TEST_DATABASES)('proposal workflow on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const call = (method: Method, url: string, who?: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });
  const create = async (who: string, name: string, proposal: object = clay) => {
    const created = await call('POST', '/api/proposals', who, { name, geometry: block, proposal });
    expect(created.statusCode, created.body).toBe(201);
    return created.json();
  };
  const step = (who: string, id: number, path: string, baseRevision: number, comment?: string, headers = {}) =>
    call('POST', `/api/proposals/${id}/${path}`, who, { baseRevision, ...(comment !== undefined && { comment }) }, headers);
  const current = async (id: number, who = 'admin') => (await call('GET', `/api/proposals/${id}`, who)).json();
  const counts = async () => ({
    events: Number((await t.db.knex('proposal_events').count({ n: '*' }))[0].n),
    versions: Number((await t.db.knex('proposal_versions').count({ n: '*' }))[0].n),
    audit: Number((await t.db.knex('audit_log').where({ entity: 'proposal' }).count({ n: '*' }))[0].n),
  });
  const list = async (query: string, who = 'reviewer1') => {
    const answer = await call('GET', `/api/proposals?${query}`, who);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { total: number; proposals: { id: number; name: string; status: string }[]; owners: { id: number; name: string }[] };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies.admin = await t.login();
    for (const [username, displayName, role] of [
      ['planner1', '规划员甲', 'planner'],
      ['planner2', '规划员乙', 'planner'],
      ['planner3', '规划员己', 'planner'],
      ['reviewer1', '审核员丙', 'reviewer'],
      ['reviewer2', '审核员丁', 'reviewer'],
      ['inspector1', '巡查员戊', 'inspector'],
    ]) {
      const password = staffPassword(username);
      const created = await call('POST', '/api/users', 'admin', { username, displayName, role, password });
      expect(created.statusCode, created.body).toBe(201);
      ids[username] = created.json().id;
      cookies[username] = await t.login(username, password);
    }
  });
  afterAll(() => t?.close());

  it('knows the reviewer role: signs in as one, reads proposals and runs checks, but saves none', async () => {
    const me = (await call('GET', '/api/auth/me', 'reviewer1')).json();
    expect(me.user).toMatchObject({ role: 'reviewer', displayName: '审核员丙' });
    const { id } = await create('planner1', '审核员可读');
    expect((await call('GET', `/api/proposals/${id}`, 'reviewer1')).statusCode).toBe(200);
    expect((await call('GET', `/api/proposals/${id}/versions`, 'reviewer1')).statusCode).toBe(200);
    expect((await call('POST', '/api/check', 'reviewer1', { geometry: block, proposal: clay })).statusCode).toBe(200);
    for (const url of ['/api/rules', '/api/indicators', '/api/settings/buffers', '/api/settings/indicators']) {
      expect((await call('GET', url, 'reviewer1')).statusCode, url).toBe(200);
    }
    expect((await call('POST', '/api/proposals', 'reviewer1', { name: 'x', geometry: block, proposal: clay })).statusCode).toBe(403);
    expect((await call('PUT', `/api/proposals/${id}`, 'reviewer1', { baseVersion: 1, geometry: block, proposal: clay })).statusCode).toBe(403);
    // The database itself knows the role, and no other.
    await expect(t.db.knex('users').where({ id: ids.reviewer1 }).update({ role: 'superuser' })).rejects.toThrow(/users_role_check/);
  });

  it('submits, returns with a comment, takes an edit, resubmits and approves, keeping each step with who, when and why', async () => {
    const draft = await create('planner1', '党家村粘土矿送审');
    const { id } = draft;
    expect(draft).toMatchObject({ status: 'draft', revision: 1, allowedSteps: ['submit', 'delete'] });
    expect((await current(id, 'reviewer1')).allowedSteps).toEqual([]);

    const submitted = await step('planner1', id, 'submit', 1);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', revision: 2, version: 1, allowedSteps: ['withdraw'] });
    expect((await current(id, 'reviewer1')).allowedSteps).toEqual(['approve', 'return']);

    const noComment = await step('reviewer1', id, 'return', 2, '   ');
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().code).toBe('returnCommentRequired');
    const returned = await step('reviewer1', id, 'return', 2, '请核减面积，避开基本农田。');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', revision: 3 });

    const edited = await call('PUT', `/api/proposals/${id}`, 'planner1', { baseVersion: 1, geometry: square(centre, 40), proposal: clay, note: '核减面积' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'returned', version: 2, revision: 4 });
    expect((await step('planner1', id, 'submit', 4)).json()).toMatchObject({ status: 'submitted', revision: 5 });
    const approved = await step('reviewer2', id, 'approve', 5, '同意');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', revision: 6, version: 2, allowedSteps: [] });

    const history = (await call('GET', `/api/proposals/${id}/versions`, 'inspector1')).json();
    expect(history.status).toBe('approved');
    expect(history.steps.map((s: Record<string, unknown>) => [s.step, s.fromStatus, s.toStatus, s.version, s.by, s.comment])).toEqual([
      ['submit', 'draft', 'submitted', 1, '规划员甲', null],
      ['return', 'submitted', 'returned', 1, '审核员丙', '请核减面积，避开基本农田。'],
      ['submit', 'returned', 'submitted', 2, '规划员甲', null],
      ['approve', 'submitted', 'approved', 2, '审核员丁', '同意'],
    ]);
    for (const s of history.steps) expect(Date.now() - Date.parse(s.at)).toBeLessThan(60_000);
    const audit = await t.db.knex('audit_log').where({ entity: 'proposal', entity_id: String(id) }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'approve']);
    const detail = typeof audit[2].detail === 'string' ? JSON.parse(audit[2].detail) : audit[2].detail;
    expect(detail).toMatchObject({ baseRevision: 2, comment: '请核减面积，避开基本农田。', before: { status: 'submitted' }, after: { status: 'returned' } });

    // Nothing decided is erased: no more edits, no deletion, no second decision.
    const before = await counts();
    const edit = await call('PUT', `/api/proposals/${id}`, 'planner1', { baseVersion: 2, geometry: block, proposal: clay });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('proposalNotEditable');
    const gone = await call('DELETE', `/api/proposals/${id}`, 'planner1', { baseRevision: 6 });
    expect(gone.statusCode).toBe(409);
    expect(gone.json()).toMatchObject({ code: 'proposalStepNotAllowed', message: '方案“党家村粘土矿送审”当前为“已同意”，不能删除草稿。' });
    expect((await step('admin', id, 'return', 6, '再看看')).json().code).toBe('proposalStepNotAllowed');
    expect(await counts()).toEqual(before);
  });

  it('refuses each step it does not allow with a named 4xx in both languages, writing nothing', async () => {
    const { id } = await create('planner1', '拒绝检查');
    const before = await counts();
    const refused = async (answer: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json().code).toBe(code);
      return answer.json().message as string;
    };
    await refused(await step('reviewer1', id, 'approve', 1), 409, 'proposalStepNotAllowed');
    await refused(await step('planner1', id, 'withdraw', 1), 409, 'proposalStepNotAllowed');
    expect(await refused(await step('planner2', id, 'submit', 1), 403, 'notProposalOwner')).toBe(
      '方案“拒绝检查”由 规划员甲 创建，只有创建人或管理员可以送审。',
    );
    expect(await refused(await step('planner2', id, 'submit', 1, undefined, EN), 403, 'notProposalOwner')).toBe(
      'Proposal "拒绝检查" was created by 规划员甲: only they or an administrator may submit it.',
    );
    await refused(await call('DELETE', `/api/proposals/${id}`, 'planner2', { baseRevision: 1 }), 403, 'notProposalOwner');
    await refused(await step('planner1', id, 'approve', 1), 403, 'forbidden');
    await refused(await step('reviewer1', id, 'submit', 1), 403, 'forbidden');
    await refused(await step('inspector1', id, 'return', 1, 'x'), 403, 'forbidden');
    await refused(await step('', id, 'submit', 1), 401, 'unauthorized');
    await refused(await step('planner1', 999_999, 'submit', 1), 404, 'proposalNotFound');
    await refused(await call('POST', `/api/proposals/${id}/submit`, 'planner1', {}), 400, 'invalidRequest');
    await refused(await call('POST', `/api/proposals/${id}/submit`, 'planner1', { baseRevision: 1, comment: 'x'.repeat(2001) }), 400, 'invalidRequest');
    expect(await counts()).toEqual(before);

    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    const english = await step('reviewer1', id, 'return', 2, '', EN);
    expect(english.json()).toMatchObject({ code: 'returnCommentRequired', message: 'Returning a proposal needs a comment saying what to change.' });
    await refused(await step('planner1', id, 'submit', 2), 409, 'proposalStepNotAllowed');
    await refused(await call('DELETE', `/api/proposals/${id}`, 'planner1', { baseRevision: 2 }), 409, 'proposalStepNotAllowed');
  });

  it('refuses to approve a block the check forbids (禁止), as the register and rules stand at the decision, writing nothing', async () => {
    const redline = turf.pointOnFeature(demo('eco_redline').features[0]).geometry.coordinates;
    const created = await call('POST', '/api/proposals', 'planner1', { name: '红线内方案', geometry: square(redline, 50), proposal: clay });
    expect(created.json().worstOutcome).toBe('forbidden');
    const { id } = created.json();
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    const before = await counts();
    for (const who of ['reviewer1', 'admin']) {
      const refused = await step(who, id, 'approve', 2);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe('forbiddenProposalApproval');
      expect(refused.json().message).toMatch(/^方案“红线内方案”第 1 版的核查结果为“禁止”（生态保护红线.*），不能同意；请退回。$/);
    }
    expect((await step('reviewer1', id, 'approve', 2, undefined, EN)).json().message).toMatch(
      /^Version 1 of proposal "红线内方案" is forbidden by the check \(.*\): it cannot be approved; return it\.$/,
    );
    expect(await counts()).toEqual(before);
    expect((await current(id)).status).toBe('submitted');
    expect((await step('reviewer1', id, 'return', 2, '位于生态保护红线内')).statusCode).toBe(200);
  });

  it('refuses a step based on a stale revision with 409 naming who changed it and when', async () => {
    const { id } = await create('planner1', '过期操作');
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    expect((await step('reviewer1', id, 'return', 2, '补充说明')).statusCode).toBe(200);
    expect((await step('planner1', id, 'submit', 3)).statusCode).toBe(200);
    const before = await counts();
    // Reviewer 2 read the proposal when it was first submitted (revision 2): same status, not the same story.
    const stale = await step('reviewer2', id, 'approve', 2);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('versionConflict');
    expect(stale.json().message).toMatch(/^方案“过期操作”已由 规划员甲 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*当前为“已送审”（第 4 次改动，您看到的是第 2 次）/);
    const english = await step('reviewer2', id, 'approve', 2, undefined, EN);
    expect(english.json().message).toMatch(/^Proposal "过期操作" was changed by 规划员甲 at \d{4}-\d{2}-\d{2} \d{2}:\d{2}.* and is now submitted \(change 4; you saw change 2\)/);
    expect(await counts()).toEqual(before);
    expect((await current(id)).status).toBe('submitted');
  });

  it('lets exactly one of two simultaneous decisions from the same revision through', async () => {
    const { id } = await create('planner1', '同时审核');
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    const before = await counts();
    const answers = await Promise.all([step('reviewer1', id, 'approve', 2), step('reviewer2', id, 'return', 2, '不同意')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await counts()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 });
  });

  it('takes a withdrawn proposal back to the planner: edited, submitted again, never deleted', async () => {
    const { id } = await create('planner1', '撤回再送');
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    expect((await step('planner2', id, 'withdraw', 2)).json().code).toBe('notProposalOwner');
    expect((await step('reviewer1', id, 'withdraw', 2)).statusCode).toBe(403);
    const withdrawn = await step('planner1', id, 'withdraw', 2);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', revision: 3, allowedSteps: ['submit'] });
    expect((await call('DELETE', `/api/proposals/${id}`, 'planner1', { baseRevision: 3 })).json().code).toBe('proposalStepNotAllowed');
    const edited = await call('PUT', `/api/proposals/${id}`, 'planner2', { baseVersion: 1, geometry: block, proposal: { ...clay, capacity10ktPerYear: 9 } });
    expect(edited.json()).toMatchObject({ status: 'withdrawn', version: 2, revision: 4 });
    expect((await step('admin', id, 'submit', 4)).json()).toMatchObject({ status: 'submitted' });
  });

  it('keeps reviewers off their own proposals, and lets an admin decide any', async () => {
    // A planner who became a reviewer still may not decide what they created.
    const { id } = await create('planner2', '本人方案');
    expect((await step('planner2', id, 'submit', 1)).statusCode).toBe(200);
    const changed = await call('PATCH', `/api/users/${ids.planner2}`, 'admin', { baseVersion: 1, role: 'reviewer' });
    expect(changed.statusCode, changed.body).toBe(200);
    cookies.planner2 = await t.login('planner2', staffPassword('planner2'));
    expect((await current(id, 'planner2')).allowedSteps).toEqual([]);
    const own = await step('planner2', id, 'approve', 2);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'ownProposalDecision' });
    expect((await step('admin', id, 'approve', 2)).json()).toMatchObject({ status: 'approved' });
    const reverted = await call('PATCH', `/api/users/${ids.planner2}`, 'admin', { baseVersion: 2, role: 'planner' });
    expect(reverted.statusCode, reverted.body).toBe(200);
    cookies.planner2 = await t.login('planner2', staffPassword('planner2'));

    const mine = await create('admin', '管理员自审');
    expect((await step('admin', mine.id, 'submit', 1)).statusCode).toBe(200);
    expect((await step('admin', mine.id, 'return', 2, '自行退回')).json()).toMatchObject({ status: 'returned' });
  });

  it('deletes a draft softly: gone from the list, still readable, its history and audit kept', async () => {
    const { id } = await create('planner1', '待删草稿');
    const stale = await call('DELETE', `/api/proposals/${id}`, 'planner1', { baseRevision: 7 });
    expect(stale.json().code).toBe('versionConflict');
    const deleted = await call('DELETE', `/api/proposals/${id}`, 'planner1', { baseRevision: 1 });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ status: 'deleted', allowedSteps: [] });
    expect((await list('')).proposals.map((p) => p.id)).not.toContain(id);
    expect((await list('status=deleted')).proposals.map((p) => p.id)).toEqual([id]);
    expect((await current(id)).status).toBe('deleted');
    expect((await call('GET', `/api/proposals/${id}/versions`, 'admin')).json().steps.map((s: { step: string }) => s.step)).toEqual(['delete']);
    expect((await call('PUT', `/api/proposals/${id}`, 'planner1', { baseVersion: 1, geometry: block, proposal: clay })).json().code).toBe(
      'proposalNotEditable',
    );
    expect((await step('planner1', id, 'submit', 2)).json().code).toBe('proposalStepNotAllowed');
    expect(await t.db.knex('proposals').where({ id }).first('id')).toBeTruthy();
  });

  it('marks an approved proposal as the licence it became, and nothing else', async () => {
    const { id } = await create('planner1', '转为采矿权');
    const admin = (await t.db.knex('users').where({ username: 'admin' }).first('id', 'username', 'display_name AS displayName', 'role')) as never;
    const planner = { id: ids.planner1, username: 'planner1', displayName: '规划员甲', role: 'planner', mustChangePassword: false } as never;
    const context = { knex: t.db.knex, repos: t.app.repos };
    await expect(markLicensed(context, id, 'C6210252026017001', admin)).rejects.toMatchObject({ code: 'proposalStepNotAllowed' });
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    expect((await step('reviewer1', id, 'approve', 2)).statusCode).toBe(200);
    const before = await counts();
    await expect(markLicensed(context, id, '  ', admin)).rejects.toMatchObject({ statusCode: 400, code: 'licenceNoRequired' });
    await expect(markLicensed(context, id, 'C6210252026017001', planner)).rejects.toMatchObject({ statusCode: 403, code: 'forbidden' });
    await expect(markLicensed(context, id, 'C6210252026017001', admin, 2)).rejects.toMatchObject({ statusCode: 409, code: 'versionConflict' });
    expect(await counts()).toEqual(before);

    // Inside the register's own transaction: rolled back with it, or committed with it.
    await expect(
      t.db.knex.transaction(async (trx) => {
        await markLicensed({ knex: trx, repos: t.app.repos }, id, 'C6210252026017001', admin, 3);
        throw new Error('the register failed');
      }),
    ).rejects.toThrow('the register failed');
    expect(await counts()).toEqual(before);
    const row = await t.db.knex.transaction((trx) => markLicensed({ knex: trx, repos: t.app.repos }, id, 'C6210252026017001', admin, 3));
    expect(row).toMatchObject({ status: 'licensed', grantedLicenceNo: 'C6210252026017001', revision: 4 });
    expect(await current(id)).toMatchObject({ status: 'licensed', grantedLicenceNo: 'C6210252026017001', allowedSteps: [] });
    const last = (await call('GET', `/api/proposals/${id}/versions`, 'admin')).json().steps.at(-1);
    expect(last).toMatchObject({ step: 'license', fromStatus: 'approved', toStatus: 'licensed', licenceNo: 'C6210252026017001' });
    expect((await list('q=6210252026017')).proposals.map((p) => p.id)).toEqual([id]);
    await expect(markLicensed(context, id, 'C6210252026017002', admin)).rejects.toMatchObject({ code: 'proposalStepNotAllowed' });
  });

  it('filters the list by status, mineral, planner, day and text', async () => {
    const limestone = { mineral: 'constructionStone', capacity10ktPerYear: 50, rightKind: 'new', holder: '正宁县宏达建材有限公司' };
    const a = await create('planner3', '筛选甲 100%纯');
    const b = await create('planner3', '筛选乙', limestone);
    expect((await step('planner3', b.id, 'submit', 1)).statusCode).toBe(200);

    const mine = await list(`ownerId=${ids.planner3}`);
    expect(mine.proposals.map((p) => p.id)).toEqual([b.id, a.id]);
    expect(mine.total).toBe(2);
    expect(mine.owners).toEqual(expect.arrayContaining([{ id: ids.planner3, name: '规划员己' }, { id: ids.planner1, name: '规划员甲' }]));
    expect((await list(`ownerId=${ids.planner3}&status=submitted`)).proposals.map((p) => p.id)).toEqual([b.id]);
    expect((await list(`ownerId=${ids.planner3}&status=submitted&status=draft`)).total).toBe(2);
    expect((await list(`ownerId=${ids.planner3}&mineral=constructionStone`)).proposals.map((p) => p.id)).toEqual([b.id]);
    expect((await list('q=宏达建材')).proposals.map((p) => p.id)).toEqual([b.id]);
    expect((await list(`q=${encodeURIComponent('100%')}`)).proposals.map((p) => p.id)).toEqual([a.id]);
    // A percent sign is a character, not a wildcard.
    expect((await list(`q=${encodeURIComponent('甲%纯')}`)).total).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await list(`ownerId=${ids.planner3}&from=${today}&to=${today}`)).total).toBe(2);
    expect((await list(`ownerId=${ids.planner3}&to=2020-01-01`)).total).toBe(0);
    expect((await list(`ownerId=${ids.planner3}&from=2999-01-01`)).total).toBe(0);
    const page = await list(`ownerId=${ids.planner3}&limit=1&offset=1`);
    expect(page).toMatchObject({ total: 2, proposals: [{ id: a.id }] });
    for (const bad of ['status=finished', 'from=05-12-2026', 'mineral=gravel', 'ownerId=0']) {
      expect((await call('GET', `/api/proposals?${bad}`, 'reviewer1')).statusCode, bad).toBe(400);
    }
  });

  it('never changes or deletes a step, even by SQL', async () => {
    const { id } = await create('planner1', '历史不可改');
    expect((await step('planner1', id, 'submit', 1)).statusCode).toBe(200);
    await expect(t.db.knex('proposal_events').where({ proposal_id: id }).update({ comment: 'x' })).rejects.toThrow(/never changed/);
    await expect(t.db.knex('proposal_events').where({ proposal_id: id }).delete()).rejects.toThrow(/never changed/);
  });
});

describe.each(TEST_DATABASES)('the workflow migration on %s', (kind) => {
  it('starts existing proposals as drafts written last by their current version’s author', async () => {
    const db = await openEmptyDatabase(kind);
    try {
      await workflowMigration.down(db.knex);
      await expect(db.knex('users').insert({ username: 'r', display_name: 'r', password_hash: 'x', role: 'reviewer' })).rejects.toThrow(/users_role_check/);
      const [a, b] = await db
        .knex('users')
        .insert([
          { username: 'a', display_name: '甲', password_hash: 'x', role: 'planner' },
          { username: 'b', display_name: '乙', password_hash: 'x', role: 'planner' },
        ])
        .returning('id');
      const [{ id }] = await db.knex('proposals').insert({ name: '旧方案', created_by: a.id, current_version: 2 }).returning('id');
      const geom = db.knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))', [JSON.stringify(block)]);
      const version = { proposal_id: id, mineral: 'brickClay', capacity_10kt_per_year: 1, right_kind: 'new', ruleset_id: 'x', geom };
      await db.knex('proposal_versions').insert({ ...version, version: 1, created_by: a.id, created_at: '2026-01-01T00:00:00Z' });
      await db.knex('proposal_versions').insert({ ...version, version: 2, created_by: b.id, created_at: '2026-02-01T00:00:00Z' });
      await workflowMigration.up(db.knex);
      const row = await db.knex('proposals').where({ id }).first();
      expect(row).toMatchObject({ status: 'draft', revision: 1, updated_by: b.id, granted_licence_no: null });
      expect(new Date(row.updated_at).toISOString()).toBe('2026-02-01T00:00:00.000Z');
      await db.knex('users').insert({ username: 'r', display_name: 'r', password_hash: 'x', role: 'reviewer' });
      await expect(db.knex('proposals').where({ id }).update({ status: 'finished' })).rejects.toThrow(/proposals_status_check/);
    } finally {
      await db.close();
    }
  }, 120_000);
});
