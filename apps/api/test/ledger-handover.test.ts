import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOVER_DEPARTMENTS, LEDGER_SOURCES, VIOLATION_BASIS, VIOLATION_TYPES } from '@mpm/domain';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { TEST_DATABASES } from './helpers/databases.ts';
import { demoTownships, signInStaff, square } from './helpers/staff.ts';

type Who = 'admin' | 'inspector1' | 'inspector2' | 'planner1';

describe.each(TEST_DATABASES)('ledger as the campaigns run it on %s', (kind) => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof signInStaff>>;
  const home = demoTownships()[2];

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Who, payload?: object, lang = 'zh-CN') =>
    t.app.inject({ method, url, payload, headers: { 'accept-language': lang, cookie: cookies[who] } });
  const create = (body: object) =>
    call('POST', '/api/ledger', 'inspector1', { title: '无证采砂', source: 'survey', geometry: square(home.inside, 30), ...body });
  const entry = async (id: number) => (await call('GET', `/api/ledger/${id}`, 'planner1')).json();
  const counts = async () => ({
    handovers: await t.db.knex('ledger_handovers').count({ n: '*' }).first(),
    events: await t.db.knex('ledger_events').count({ n: '*' }).first(),
    audit: await t.db.knex('audit_log').where({ entity: 'ledger_entry' }).count({ n: '*' }).first(),
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cookies = await signInStaff(t);
  });
  afterAll(() => t?.close());

  it('keeps the responsible unit and person, the measures, the campaign sources and the seeds’ violation types', async () => {
    for (const source of LEDGER_SOURCES.filter((s) => s !== 'patch')) {
      const made = await create({ source, title: `来源 ${source}` });
      expect(made.statusCode, `${source}: ${made.body}`).toBe(201);
    }
    const made = await create({
      violationType: 'concealedOutput',
      responsibleUnit: '某某砂石有限公司',
      responsiblePerson: '张三',
      rectificationMeasures: '补报实际产量，按核定能力组织生产',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      source: 'survey',
      violationType: 'concealedOutput',
      violationBasis: VIOLATION_BASIS.concealedOutput,
      responsibleUnit: '某某砂石有限公司',
      responsiblePerson: '张三',
      rectificationMeasures: '补报实际产量，按核定能力组织生产',
      handovers: [],
    });
    expect(VIOLATION_BASIS.concealedOutput).toMatch(/^003/);
    const id = made.json().id;
    for (const violationType of VIOLATION_TYPES) {
      const current = await entry(id);
      const edited = await call('PATCH', `/api/ledger/${id}`, 'inspector1', { baseRevision: current.revision, violationType });
      expect(edited.statusCode, `${violationType}: ${edited.body}`).toBe(200);
    }
    const current = await entry(id);
    const edited = await call('PATCH', `/api/ledger/${id}`, 'inspector2', {
      baseRevision: current.revision,
      responsiblePerson: '李四',
      rectificationMeasures: null,
    });
    expect(edited.json()).toMatchObject({ responsiblePerson: '李四', rectificationMeasures: null });
    const list = (await call('GET', '/api/ledger?source=media', 'planner1')).json();
    expect(list.entries.map((e: { title: string }) => e.title)).toEqual(['来源 media']);
  });

  it('hands a case over to 公安 and concludes it with the receiving case number; then the entry may close', async () => {
    const made = (await create({ violationType: 'destructiveMining' })).json();
    const handed = await call('POST', `/api/ledger/${made.id}/handovers`, 'inspector1', {
      baseRevision: made.revision,
      department: 'publicSecurity',
      receivingDepartment: '新宾县公安局',
      handedOverOn: '2025-05-06',
      note: '涉嫌非法采矿罪',
    });
    expect(handed.statusCode, handed.body).toBe(201);
    const afterHandover = handed.json();
    expect(afterHandover.revision).toBe(made.revision + 1);
    expect(afterHandover.handovers).toEqual([
      {
        id: expect.any(Number),
        department: 'publicSecurity',
        receivingDepartment: '新宾县公安局',
        handedOverOn: '2025-05-06',
        status: 'handedOver',
        caseNumber: null,
        result: null,
        concludedOn: null,
      },
    ]);
    expect(afterHandover.history.at(-1)).toMatchObject({ kind: 'handover', note: '涉嫌非法采矿罪', by: '巡查员甲' });

    // Through the workflow to 已整改: 销号 waits for the hand-over's result.
    let revision = afterHandover.revision;
    for (const to of ['verifying', 'rectifying', 'rectified']) {
      const moved = await call('POST', `/api/ledger/${made.id}/transitions`, 'inspector1', { to, baseRevision: revision });
      expect(moved.statusCode, moved.body).toBe(200);
      revision = moved.json().revision;
    }
    const early = await call('POST', `/api/ledger/${made.id}/transitions`, 'admin', { to: 'closed', baseRevision: revision });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'handoverOpen' });
    expect(early.json().message).toContain('公安');

    const handoverId = afterHandover.handovers[0].id;
    const result = { baseRevision: revision, caseNumber: '新公（刑）立字〔2025〕58号', result: '已立案侦查', concludedOn: '2025-06-01' };
    const stale = await call('POST', `/api/ledger/${made.id}/handovers/${handoverId}/result`, 'inspector2', { ...result, baseRevision: revision - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'versionConflict' });
    const before = await counts();
    const backwards = await call('POST', `/api/ledger/${made.id}/handovers/${handoverId}/result`, 'inspector2', { ...result, concludedOn: '2025-05-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'concludedBeforeHandover' });
    expect(await counts()).toEqual(before);

    const concluded = await call('POST', `/api/ledger/${made.id}/handovers/${handoverId}/result`, 'inspector2', result);
    expect(concluded.statusCode, concluded.body).toBe(200);
    expect(concluded.json().handovers[0]).toMatchObject({ status: 'concluded', caseNumber: '新公（刑）立字〔2025〕58号', concludedOn: '2025-06-01' });
    expect(concluded.json().history.at(-1)).toMatchObject({ kind: 'handoverResult', note: '已立案侦查', by: '巡查员乙' });
    const again = await call('POST', `/api/ledger/${made.id}/handovers/${handoverId}/result`, 'inspector2', {
      ...result,
      baseRevision: concluded.json().revision,
    });
    expect(again.json()).toMatchObject({ statusCode: 409, code: 'handoverConcluded' });

    const closed = await call('POST', `/api/ledger/${made.id}/transitions`, 'admin', { to: 'closed', baseRevision: concluded.json().revision });
    expect(closed.statusCode, closed.body).toBe(200);
    const audit = await t.db.knex('audit_log').where({ entity: 'ledger_entry', entity_id: String(made.id) }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['create', 'handover', 'transition', 'transition', 'transition', 'handoverResult', 'transition']);
    expect(audit[1].detail).toMatchObject({ department: 'publicSecurity', receivingDepartment: '新宾县公安局' });
  });

  it('refuses a hand-over to a department not on the list, by name, writing nothing', async () => {
    const made = (await create({})).json();
    const before = await counts();
    const refused = await call('POST', `/api/ledger/${made.id}/handovers`, 'inspector1', {
      baseRevision: made.revision,
      department: 'taxBureau',
      receivingDepartment: '县税务局',
      handedOverOn: '2025-05-06',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'handoverDepartmentNotListed' });
    expect(refused.json().message).toContain('公安、应急管理、生态环境');
    const english = await call(
      'POST',
      `/api/ledger/${made.id}/handovers`,
      'inspector1',
      { baseRevision: made.revision, department: '税务', receivingDepartment: '县税务局', handedOverOn: '2025-05-06' },
      'en',
    );
    expect(english.json().message).toContain(HANDOVER_DEPARTMENTS.join(', '));
    const future = await call('POST', `/api/ledger/${made.id}/handovers`, 'inspector1', {
      baseRevision: made.revision,
      department: 'emergencyManagement',
      receivingDepartment: '县应急管理局',
      handedOverOn: '2999-01-01',
    });
    expect(future.json()).toMatchObject({ statusCode: 400, code: 'dateInFuture' });
    const planner = await call('POST', `/api/ledger/${made.id}/handovers`, 'planner1', {
      baseRevision: made.revision,
      department: 'emergencyManagement',
      receivingDepartment: '县应急管理局',
      handedOverOn: '2025-05-06',
    });
    expect(planner.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await entry(made.id)).revision).toBe(made.revision);
  });

  it('holds the source, violation and event lists in one check each, made from the domain lists', async () => {
    const checks = await t.db.knex.raw(
      `SELECT conname FROM pg_constraint WHERE conrelid IN ('ledger_entries'::regclass, 'ledger_events'::regclass) AND contype = 'c' ORDER BY conname`,
    );
    expect(checks.rows.map((r: { conname: string }) => r.conname)).toEqual(
      expect.arrayContaining(['ledger_entries_source_check', 'ledger_entries_violation_type_check', 'ledger_events_kind_check']),
    );
    const about = (column: string) =>
      t.db.knex.raw(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'ledger_entries'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE ?`,
        [`%${column}%`],
      );
    expect((await about('violation_type')).rows[0].n).toBe(1);
    expect((await about('source')).rows[0].n).toBe(1);
  });
});
