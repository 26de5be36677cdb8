import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { STAFF, demoTownships, signInStaff, square } from './helpers/staff.ts';

type Who = 'admin' | keyof typeof STAFF | 'anonymous';

describe.each(TEST_DATABASES)('problem ledger on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const townships = demoTownships();
  const [home, other] = [townships[3], townships[6]];

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Who, payload?: object, lang = 'zh-CN') =>
    t.app.inject({
      method,
      url,
      payload,
      headers: { 'accept-language': lang, ...(who !== 'anonymous' && { cookie: cookies[who] }) },
    });
  const create = (who: Who, body: object) => call('POST', '/api/ledger', who, body);
  const site = (title: string, extra: object = {}) => ({ title, source: 'siteCheck', geometry: square(home.inside, 40), ...extra });
  const entry = async (id: number) => (await call('GET', `/api/ledger/${id}`, 'planner1')).json();
  const move = (id: number, who: Who, to: string, baseRevision: number, note?: string, lang?: string) =>
    call('POST', `/api/ledger/${id}/transitions`, who, { to, baseRevision, ...(note !== undefined && { note }) }, lang);
  /** The rows that a refused write must leave as they were. */
  const snapshot = async (id?: number) => ({
    entries: await t.db.knex('ledger_entries').count({ n: '*' }).first(),
    events: await t.db.knex('ledger_events').count({ n: '*' }).first(),
    audit: await t.db.knex('audit_log').where({ entity: 'ledger_entry' }).count({ n: '*' }).first(),
    ...(id !== undefined && { entry: await entry(id) }),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('records a site as an entry 待核查, its township derived from the geometry, with its history and audit', async () => {
    const card = { checkedAt: '2025-05-01T02:00:00Z', findings: [{ ruleId: 'eco' }] };
    const created = await create('inspector1', site('山坡无证采砂点', { violationType: 'noLicence', note: '现场发现挖掘痕迹', siteCard: card }));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      title: '山坡无证采砂点',
      source: 'siteCheck',
      status: 'pending',
      violationType: 'noLicence',
      townshipCode: home.code,
      townshipName: home.name,
      responsibleUnit: null,
      deadline: null,
      overdue: false,
      revision: 1,
      patchId: null,
      tipOffReceipt: null,
      reporterContact: null,
      siteCard: card,
      photos: [],
    });
    expect(body.geometry).toEqual(square(home.inside, 40));
    expect(body.centre[0]).toBeCloseTo(home.inside[0], 3);
    expect(body.centre[1]).toBeCloseTo(home.inside[1], 3);
    expect(body.history).toEqual([
      { kind: 'created', from: null, to: 'pending', note: '现场发现挖掘痕迹', by: STAFF.inspector1.displayName, at: body.createdAt },
    ]);
    expect(await entry(body.id)).toEqual(body);
    const audit = await t.db.knex('audit_log').where({ entity: 'ledger_entry', entity_id: String(body.id) });
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const point = await create('admin', { title: '点位', source: 'other', geometry: { type: 'Point', coordinates: [...other.inside, 1200] } });
    expect(point.statusCode, point.body).toBe(201);
    expect(point.json()).toMatchObject({ townshipCode: other.code, geometry: { type: 'Point', coordinates: other.inside } });
  });

  it('links a change patch to at most one entry', async () => {
    const [patch] = await t.db.knex('change_patches').orderBy('id').limit(1).select('id');
    const body = site('卫片图斑核查', { source: 'patch', patchId: patch.id });
    const first = await create('inspector1', body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().patchId).toBe(patch.id);
    const before = await snapshot();
    const again = await create('inspector2', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'patchHasEntry', message: expect.stringContaining(`第 ${first.json().id} 号`) });
    expect((await create('inspector1', { ...body, patchId: 999_999 })).json().code).toBe('patchNotFound');
    expect((await create('inspector1', { ...body, source: 'siteCheck' })).json().code).toBe('patchSourceMismatch');
    expect((await create('inspector1', { ...body, patchId: undefined })).json().code).toBe('patchSourceMismatch');
    expect(await snapshot()).toEqual(before);

    const [, second] = await t.db.knex('change_patches').orderBy('id').limit(2).select('id');
    const both = await Promise.all(['inspector1', 'inspector2'].map((who) => create(who as Who, { ...body, patchId: second.id })));
    expect(both.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses a bad site with a 400 naming the problem, and writes nothing', async () => {
    const before = await snapshot();
    const ring = square(home.inside, 40).coordinates[0];
    const cases: [object, string, RegExp][] = [
      [{ type: 'LineString', coordinates: [home.inside, other.inside] }, 'notASite', /Point、Polygon 或 MultiPolygon，收到的是 "LineString"/],
      [{ type: 'Point', coordinates: [190, 35] }, 'outOfRange', /\[190, 35\] 超出经纬度范围/],
      [{ type: 'Point', coordinates: ['108', 35] }, 'notANumber', /不是有限的数字/],
      [{ type: 'Point', coordinates: [116.397, 39.909] }, 'outsideCounty', /116.3970°E, 39.9090°N）不在本县范围内/],
      [{ type: 'Polygon', coordinates: [ring.slice(0, 4)] }, 'ringNotClosed', /环未闭合/],
      [{ type: 'Polygon', coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]] }, 'selfIntersection', /./],
    ];
    for (const [geometry, code, message] of cases) {
      const answer = await create('inspector1', { ...site('坏位置'), geometry });
      expect(answer.statusCode, code).toBe(400);
      expect(answer.json().code).toBe(code);
      expect(answer.json().message).toMatch(message);
    }
    expect((await create('inspector1', { ...site('坏'), title: '   ' })).json().code).toBe('blankTitle');
    expect((await create('inspector1', { ...site('坏'), violationType: 'theft' })).statusCode).toBe(400);
    expect((await create('inspector1', { ...site('坏'), deadline: '2025-02-30x' })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('holds one client to 120 new entries a minute, with a named 429', async () => {
    const attempt = () =>
      t.app.inject({ method: 'POST', url: '/api/ledger', payload: {}, remoteAddress: '10.12.0.1', headers: { cookie: cookies.inspector1 } });
    for (let i = 0; i < 120; i++) expect((await attempt()).statusCode).toBe(400);
    const held = await attempt();
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'rateLimited' });
  });

  it('lets inspectors and admins write, planners read, and anonymous callers nothing', async () => {
    const { id } = (await create('inspector1', site('权限'))).json();
    const before = await snapshot(id);
    expect((await create('planner1', site('规划员不可登记'))).statusCode).toBe(403);
    expect((await create('anonymous', site('匿名'))).statusCode).toBe(401);
    // Roles before bodies: a bad body from the wrong role is still a 403.
    expect((await create('planner1', { bogus: true })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/ledger/${id}`, 'planner1', { baseRevision: 1, title: 'x' })).statusCode).toBe(403);
    expect((await move(id, 'planner1', 'verifying', 1)).statusCode).toBe(403);
    for (const url of ['/api/ledger', `/api/ledger/${id}`]) {
      expect((await call('GET', url, 'anonymous')).statusCode, url).toBe(401);
      expect((await call('GET', url, 'planner1')).statusCode, url).toBe(200);
    }
    expect((await call('POST', `/api/ledger/${id}/notes`, 'anonymous', { note: 'x' })).statusCode).toBe(401);
    expect(await snapshot(id)).toEqual(before);
    expect((await call('GET', '/api/ledger/999999', 'planner1')).json()).toMatchObject({ statusCode: 404, code: 'ledgerEntryNotFound' });
  });

  it('changes details only from the current revision, keeping before and after in the history', async () => {
    const { id } = (await create('inspector1', site('待补充'))).json();
    const edited = await call('PATCH', `/api/ledger/${id}`, 'inspector2', {
      baseRevision: 1,
      responsibleUnit: '  永和镇人民政府 ',
      deadline: '2099-12-31',
      violationType: 'beyondBoundary',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, responsibleUnit: '永和镇人民政府', deadline: '2099-12-31', violationType: 'beyondBoundary' });
    expect(edited.json().history.at(-1)).toMatchObject({ kind: 'edit', by: STAFF.inspector2.displayName });
    const [event] = await t.db.knex('ledger_events').where({ entry_id: id, kind: 'edit' }).select('detail');
    expect(event.detail).toEqual({
      responsibleUnit: [null, '永和镇人民政府'],
      deadline: [null, '2099-12-31'],
      violationType: [null, 'beyondBoundary'],
    });

    const before = await snapshot(id);
    const stale = await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: 1, responsibleUnit: '宫河镇' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'versionConflict',
      message: expect.stringMatching(/已由 巡查员乙 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）保存为第 2 版.*第 1 版/),
    });
    const english = await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: 1, responsibleUnit: '宫河镇' }, 'en');
    expect(english.json().message).toMatch(/saved as version 2 by 巡查员乙 at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(China time\).*version 1/);
    expect(await snapshot(id)).toEqual(before);

    const cleared = await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: 2, deadline: null, responsibleUnit: '' });
    expect(cleared.json()).toMatchObject({ revision: 3, deadline: null, responsibleUnit: null });
    const unchanged = await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: 3, deadline: null });
    expect(unchanged.json().revision).toBe(3);
    expect((await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: 3 })).statusCode).toBe(400);
  });

  it('refuses a skipped step, the wrong role, a missing reason and a stale revision, changing nothing', async () => {
    const { id } = (await create('inspector1', site('流程检查'))).json();
    const before = await snapshot(id);
    const skipped = await move(id, 'admin', 'rectified', 1);
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json()).toMatchObject({
      code: 'transitionNotAllowed',
      message: '办理流程不允许从“待核查”直接变为“已整改”。当前状态下一步只能是：“核查中”、“不属实”。',
    });
    expect((await move(id, 'admin', 'rectified', 1, undefined, 'en')).json().message).toBe(
      'The workflow does not go from "To verify" to "Rectified". From "To verify" the next step can only be "Verifying" or "Unfounded".',
    );
    expect((await move(id, 'admin', 'pending', 1)).json().code).toBe('transitionNotAllowed');
    const wrongRole = await move(id, 'inspector1', 'unfounded', 1, '线索不实');
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json()).toMatchObject({ code: 'transitionForbidden', message: expect.stringContaining('只能由管理员办理') });
    const noReason = await move(id, 'admin', 'unfounded', 1, '  ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('noteRequired');
    expect((await move(id, 'admin', 'verifying', 7)).json().code).toBe('versionConflict');
    expect(await snapshot(id)).toEqual(before);

    // Sending a rectification back needs a reason too; declaring a lead unfounded ends it.
    for (const to of ['verifying', 'rectifying', 'rectified']) expect((await move(id, 'inspector1', to, (await entry(id)).revision)).statusCode).toBe(200);
    expect((await move(id, 'inspector1', 'rectifying', 4)).json().code).toBe('noteRequired');
    expect((await move(id, 'inspector1', 'rectifying', 4, '复查发现仍在开采')).json()).toMatchObject({ status: 'rectifying', revision: 5 });

    const lead = (await create('inspector1', site('不实线索'))).json();
    const unfounded = await move(lead.id, 'admin', 'unfounded', 1, '现场无开采迹象');
    expect(unfounded.json()).toMatchObject({ status: 'unfounded', revision: 2 });
    expect((await move(lead.id, 'admin', 'verifying', 2)).json().message).toContain('当前状态已是最终状态');
    const final = await call('PATCH', `/api/ledger/${lead.id}`, 'admin', { baseRevision: 2, title: '改名' });
    expect(final.statusCode).toBe(409);
    expect(final.json().code).toBe('entryFinal');
    // Notes may still be added to a closed entry.
    const noted = await call('POST', `/api/ledger/${lead.id}/notes`, 'planner1', { note: '归档备查' });
    expect(noted.statusCode).toBe(201);
    expect(noted.json()).toMatchObject({ status: 'unfounded', revision: 2 });
    expect(noted.json().history.at(-1)).toMatchObject({ kind: 'note', note: '归档备查', by: STAFF.planner1.displayName });
    expect((await call('POST', `/api/ledger/${lead.id}/notes`, 'planner1', { note: ' ' })).json().code).toBe('blankNote');
  });

  it('lets exactly one of two simultaneous steps from the same revision through', async () => {
    const { id } = (await create('inspector1', site('并发'))).json();
    const answers = await Promise.all([move(id, 'inspector1', 'verifying', 1), move(id, 'inspector2', 'verifying', 1)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect((await entry(id)).history.filter((e: { kind: string }) => e.kind === 'transition')).toHaveLength(1);
  });

  it('filters by status, type, township, source and overdue (deadline before today, status not final)', async () => {
    const make = async (title: string, extra: object, steps: [string, string?][] = []) => {
      const made = (await create('admin', site(title, extra))).json();
      let revision = made.revision;
      for (const [to, note] of steps) revision = (await move(made.id, 'admin', to, revision, note)).json().revision;
      return made.id as number;
    };
    const late = await make('逾期未整改', { deadline: '2020-01-01', violationType: 'overCapacity' }, [['verifying'], ['rectifying']]);
    const onTime = await make('未到期', { deadline: '2099-01-01', violationType: 'overCapacity' });
    const closedLate = await make('逾期但已销号', { deadline: '2020-01-01' }, [['verifying'], ['rectifying'], ['rectified'], ['closed']]);
    const elsewhere = await make('别处', { geometry: { type: 'Point', coordinates: other.inside }, violationType: 'wrongMineral' });

    const ids = async (query: string) => {
      const answer = await call('GET', `/api/ledger?${query}`, 'planner1');
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json().entries.map((e: { id: number }) => e.id) as number[];
    };
    const overdue = await ids('overdue=true');
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(onTime);
    expect(overdue).not.toContain(closedLate);
    expect(await ids('overdue=false')).toEqual(expect.arrayContaining([onTime, closedLate, elsewhere]));
    expect(await ids('violationType=overCapacity')).toEqual([onTime, late]);
    expect(await ids(`townshipCode=${other.code}&violationType=wrongMineral`)).toEqual([elsewhere]);
    expect(await ids('status=closed')).toContain(closedLate);
    expect(await ids('status=closed&source=tipOff')).toEqual([]);
    const page = (await call('GET', '/api/ledger?limit=2&offset=1', 'planner1')).json();
    expect(page.entries).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect((await call('GET', '/api/ledger?status=done', 'planner1')).statusCode).toBe(400);
    expect((await call('GET', '/api/ledger?townshipCode=abc', 'planner1')).statusCode).toBe(400);
    const lateEntry = await entry(late);
    expect(lateEntry).toMatchObject({ overdue: true, deadline: '2020-01-01' });
  });

  it('never changes or erases history, nor deletes an entry, even by SQL', async () => {
    const { id } = (await create('inspector1', site('不可删除'))).json();
    await expect(t.db.knex('ledger_events').where({ entry_id: id }).update({ note: 'x' })).rejects.toThrow(/never changed or deleted/);
    await expect(t.db.knex('ledger_events').where({ entry_id: id }).delete()).rejects.toThrow(/never changed or deleted/);
    await expect(t.db.knex('ledger_entries').where({ id }).delete()).rejects.toThrow(/never deleted/);
  });
});
